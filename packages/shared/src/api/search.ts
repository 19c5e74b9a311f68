/**
 * Search across what a person may read: the co-written documents (titles, themes, live content),
 * the libraries' files (names, descriptions, metadata, extracted contents) and comment threads.
 * The query string is what the results page keeps in its address.
 */
import { z } from "zod";
import { THEME_SLUGS } from "../programme/index.js";
import { DOCUMENT_KINDS } from "./documents.js";
import { DOCUMENT_STATUSES } from "./workflow.js";

export const SEARCH_TYPES = ["document", "file", "comment"] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];

export const SEARCH_TYPE_LABELS: Record<SearchType, string> = {
  document: "Document",
  file: "Fichier",
  comment: "Commentaire",
};

export const SEARCH_QUERY_MAX = 200;
/** Suggestions start after this many letters. */
export const SEARCH_SUGGEST_MIN = 2;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Indiquez une date au format AAAA-MM-JJ.");

export const SearchQuery = z.strictObject({
  q: z
    .string({ error: "Indiquez les mots à chercher." })
    .trim()
    .min(1, "Indiquez les mots à chercher.")
    .max(SEARCH_QUERY_MAX, `La recherche est limitée à ${SEARCH_QUERY_MAX} caractères.`),
  type: z.enum(SEARCH_TYPES, { error: "Type de résultat inconnu." }).optional(),
  space: z.uuid({ error: "Comité inconnu." }).optional(),
  kind: z.enum(DOCUMENT_KINDS, { error: "Type de document inconnu." }).optional(),
  status: z.enum(DOCUMENT_STATUSES, { error: "Statut inconnu." }).optional(),
  theme: z.enum(THEME_SLUGS as [string, ...string[]], { error: "Thème inconnu." }).optional(),
  from: day.optional(),
  to: day.optional(),
  /** "trash": what lies in the trash instead of what does not. */
  scope: z.enum(["trash"], { error: "Filtre inconnu." }).optional(),
  cursor: z.string().max(200).optional(),
});
export type SearchQuery = z.input<typeof SearchQuery>;

export const SuggestQuery = z.strictObject({
  q: z
    .string({ error: "Indiquez les premières lettres." })
    .trim()
    .min(SEARCH_SUGGEST_MIN, `Tapez au moins ${SEARCH_SUGGEST_MIN} lettres.`)
    .max(SEARCH_QUERY_MAX, `La recherche est limitée à ${SEARCH_QUERY_MAX} caractères.`),
});

export const SearchResult = z.object({
  type: z.enum(SEARCH_TYPES),
  id: z.string(),
  title: z.string(),
  spaceId: z.string(),
  spaceName: z.string(),
  /** Document kind (documents and their comments), or the file's kind slug. */
  kind: z.string().nullable(),
  status: z.enum(DOCUMENT_STATUSES).nullable(),
  /** Plain text around the match; the matched words are between the markers below. */
  snippet: z.string(),
  /** Where the result opens, at the place that matched when known (`#…` heading anchor, `#page=N`). */
  url: z.string(),
  updatedAt: z.string(),
  /** The heading the match sits under, when it is in a document's body. */
  heading: z.string().nullable(),
  inTrash: z.boolean(),
});
export type SearchResult = z.infer<typeof SearchResult>;

/** Snippets mark the matched words between these, so the client highlights without parsing HTML. */
export const SNIPPET_START = "\u0002";
export const SNIPPET_END = "\u0003";

const Facet = z.array(z.object({ value: z.string(), label: z.string(), count: z.number().int() }));

export const SearchReply = z.object({
  results: z.array(SearchResult),
  total: z.number().int(),
  /** The total is a lower bound: more items match than the server counts (SEARCH_COUNT_CAP, 1 000 by default). */
  totalAtLeast: z.boolean(),
  /** The facets' counts are lower bounds: the words alone match more items than the server counts. */
  facetsAtLeast: z.boolean(),
  facets: z.object({ type: Facet, space: Facet, kind: Facet, status: Facet, theme: Facet }),
  nextCursor: z.string().nullable(),
});
export type SearchReply = z.infer<typeof SearchReply>;

export const SuggestReply = z.object({
  suggestions: z.array(z.object({ type: z.enum(SEARCH_TYPES), id: z.string(), title: z.string(), spaceName: z.string(), url: z.string() })),
});
export type SuggestReply = z.infer<typeof SuggestReply>;
