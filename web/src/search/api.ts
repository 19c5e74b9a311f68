/** The search API: full results with facets, and titles as one types. */
import { SearchReply, SuggestReply, type SearchQuery } from "@atelier/shared";
import { queryString, request } from "../api/client";

export const search = (query: SearchQuery) => request(`/api/search${queryString({ ...query })}`, SearchReply);

export const suggest = (q: string) => request(`/api/search/suggest${queryString({ q })}`, SuggestReply);
