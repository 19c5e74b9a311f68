/**
 * The results page keeps the whole search in its address (/recherche?q=…&type=…): a search can be shared,
 * reloaded, and walked back and forth with the browser's buttons.
 */
import type { SearchQuery } from "@atelier/shared";

export const RESULTS_PATH = "/recherche";

/** The filters of the address, in the order the page shows them. */
export const FILTERS = ["type", "space", "kind", "status", "theme", "from", "to", "scope"] as const;
export type Filter = (typeof FILTERS)[number];

/** The query the address asks for, or null when it has no words yet. */
export function queryOf(params: URLSearchParams): SearchQuery | null {
  const q = params.get("q")?.trim();
  if (!q) return null;
  const query: Record<string, string> = { q };
  for (const name of FILTERS) {
    const value = params.get(name);
    if (value) query[name] = value;
  }
  return query as SearchQuery;
}

/** The results page's address for these words (the filters kept when given). */
export function resultsPath(q: string, filters?: URLSearchParams): string {
  const next = new URLSearchParams();
  next.set("q", q.trim());
  if (filters) for (const name of FILTERS) if (filters.get(name)) next.set(name, filters.get(name)!);
  return `${RESULTS_PATH}?${next}`;
}

/** The same search with these filters set (or removed when empty). */
export function withFilters(params: URLSearchParams, changes: Partial<Record<Filter, string>>): string {
  const next = new URLSearchParams(params);
  next.delete("cursor");
  for (const [name, value] of Object.entries(changes)) {
    if (value) next.set(name, value);
    else next.delete(name);
  }
  return `${RESULTS_PATH}?${next}`;
}

/** The same words without any filter. */
export const withoutFilters = (params: URLSearchParams) => resultsPath(params.get("q") ?? "");

export const hasFilters = (params: URLSearchParams) => FILTERS.some((name) => params.get(name));
