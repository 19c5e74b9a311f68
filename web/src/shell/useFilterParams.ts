import { useSearchParams } from "react-router";

/**
 * Filters kept in the address (a filtered view can be shared or reloaded). Each change starts
 * from the address as it is now, not as it was at the last render: a filter chosen and a name
 * typed right after it both stay, however quickly they follow each other (the app runs a browser
 * router: the address is the truth).
 */
export function useFilterParams(): [URLSearchParams, (name: string, value: string) => void] {
  const [params, setParams] = useSearchParams();
  const setFilter = (name: string, value: string) => {
    const next = new URLSearchParams(window.location.search);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };
  return [params, setFilter];
}
