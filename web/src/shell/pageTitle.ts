import { useEffect } from "react";

export const fullTitle = (page: string) => `${page} — Atelier`;

/**
 * Refines the document title once a page knows what it shows (a space's name). The route's own
 * title is set before, by the layout, in a layout effect, so this one wins.
 */
export function usePageTitle(page: string | undefined) {
  useEffect(() => {
    if (page) document.title = fullTitle(page);
  }, [page]);
}
