import { useEffect } from "react";
import { useLocation } from "react-router";

/**
 * After a navigation inside the app, focus goes to the new page's h1, so that screen readers
 * announce it and keyboard users start from the content. Pages that load first render their h1
 * later: we wait for it a little.
 */
/** The path last seen: kept outside the component, which may mount more than once per page load. */
let lastPath: string | null = null;

export function useFocusHeadingOnNavigation() {
  const { pathname } = useLocation();
  useEffect(() => {
    const previous = lastPath;
    lastPath = pathname;
    // On a fresh page load the browser's own focus order is right (skip link first).
    if (previous === null || previous === pathname) return;
    const main = document.getElementById("contenu");
    if (!main) return;
    const focus = () => {
      const h1 = main.querySelector("h1");
      if (!h1) return false;
      h1.setAttribute("tabindex", "-1");
      h1.focus();
      return true;
    };
    if (focus()) return;
    const observer = new MutationObserver(() => focus() && observer.disconnect());
    observer.observe(main, { childList: true, subtree: true });
    const timer = setTimeout(() => observer.disconnect(), 5000);
    return () => {
      observer.disconnect();
      clearTimeout(timer);
    };
  }, [pathname]);
}
