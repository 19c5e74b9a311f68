/**
 * The search itself, in SQL: what the actor may read is the first condition of every query, so
 * that results, totals, facets and suggestions never count what they may not see.
 */
import {
  DOCUMENT_KIND_LABELS,
  DOCUMENT_STATUS_LABELS,
  SEARCH_TYPE_LABELS,
  SNIPPET_END,
  SNIPPET_START,
  themeName,
  type DocumentKind,
  type DocumentStatus,
  type SearchQuery,
  type SearchReply,
  type SearchResult,
  type SearchType,
  type SuggestReply,
} from "@atelier/shared";
import type { Queryable } from "../db/index.js";
import { searchVisibleSql, type SearchScope } from "../policy/index.js";

export const PAGE_SIZE = 20;
const SUGGESTIONS = 8;
/** Titles ranked for suggestions: those of the first matches found, so a short prefix matching thousands stays quick. */
const SUGGESTION_CANDIDATES = 200;
/** Matches whose title holds the words, ranked beside the first matches found when these are too many to rank all. */
const TITLED = 200;
/** Below this many full-text matches, titles close to the words (a typo) are added. */
const FEW = 3;

type Filters = Omit<SearchQuery, "cursor">;

/** The conditions of each facet's dimension, as booleans a facet leaves out when it counts its own values. */
function facetConditions(f: Filters, params: unknown[]) {
  const p = (v: unknown) => `$${params.push(v)}`;
  return {
    type: f.type ? `e.type = ${p(f.type)}` : "true",
    space: f.space ? `e.space_id = ${p(f.space)}::uuid` : "true",
    kind: f.kind ? `(e.type <> 'file' AND e.kind = ${p(f.kind)})` : "true",
    status: f.status ? `(e.type <> 'file' AND e.status = ${p(f.status)})` : "true",
    theme: f.theme ? `${p(f.theme)} = ANY(e.themes)` : "true",
  };
}

interface Cursor {
  r: number;
  t: string;
  i: string;
}

export const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString("base64url");

export function decodeCursor(raw: string): Cursor | null {
  try {
    const c = JSON.parse(Buffer.from(raw, "base64url").toString()) as Cursor;
    const ok = typeof c.r === "number" && typeof c.t === "string" && typeof c.i === "string" && /^[0-9a-f-]{36}$/.test(c.i);
    return ok ? c : null;
  } catch {
    return null;
  }
}

interface ResultRow {
  type: SearchType;
  id: string;
  document_id: string | null;
  space_id: string;
  title: string;
  kind: string | null;
  status: DocumentStatus | null;
  updated_at: Date;
  in_trash: boolean;
  rank: number;
  anchor: string | null;
  heading: string | null;
  snippet: string | null;
  content_note: string | null;
}

function urlOf(r: ResultRow): string {
  if (r.type === "document") return `/documents/${r.id}${r.anchor ? `#${r.anchor}` : ""}`;
  if (r.type === "comment") return `/documents/${r.document_id}#commentaire-${r.id}`;
  return `/api/files/${r.id}/download?inline=1${r.anchor ? `#${r.anchor}` : ""}`;
}

const HEADLINE_OPTIONS = `StartSel=${SNIPPET_START}, StopSel=${SNIPPET_END}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;

/**
 * Matches of the words (`websearch_to_tsquery`: phrases in quotes, `-mot` excluded), ranked; when
 * they are few, titles that look like the words (pg_trgm) are added below them.
 *
 * A very common word matches most of the corpus, and ranking or counting every match reads every
 * match's text. So no query reads more than `cap` matches (SEARCH_COUNT_CAP): past it the total and the
 * facets' counts are lower bounds (said as such), and the page is ranked among the first matches
 * found plus the first whose title holds the words (an index of titles' words), which are those
 * ranking puts first (a title's words weigh most).
 */
export async function search(q: Queryable, scope: SearchScope, f: Filters, cursor: Cursor | null, cap: number): Promise<SearchReply> {
  const params: unknown[] = [f.q];
  const visible = searchVisibleSql(scope, f.scope === "trash", (v) => `$${params.push(v)}`);
  const dates = [
    f.from ? `e.updated_at >= $${params.push(f.from)}::date` : "true",
    f.to ? `e.updated_at < $${params.push(f.to)}::date + 1` : "true",
  ].join(" AND ");
  const c = facetConditions(f, params);
  const all = `${c.type} AND ${c.space} AND ${c.kind} AND ${c.status} AND ${c.theme}`;
  const tq = "tq AS (SELECT websearch_to_tsquery('atelier_fr', $1) AS tq, atelier_unaccent(lower($1)) AS words)";
  const rank = (fuzzy: boolean) => `(CASE WHEN e.tsv @@ tq.tq THEN ts_rank(e.tsv, tq.tq) ELSE 0 END
    ${fuzzy ? "+ CASE WHEN tq.words <% atelier_unaccent(lower(e.title)) THEN word_similarity(tq.words, atelier_unaccent(lower(e.title))) / 1000 ELSE 0 END" : ""})::real`;
  const matches = (fuzzy: boolean) =>
    `${visible} AND ${dates} AND (e.tsv @@ tq.tq ${fuzzy ? "OR (e.type <> 'comment' AND tq.words <% atelier_unaccent(lower(e.title)))" : ""})`;

  const filtered = Boolean(f.type || f.space || f.kind || f.status || f.theme);
  // A title holding the words matches the whole text too (its words are in it), unless a word is excluded.
  const excludes = /(^|\s)-\S/.test(f.q);
  const headline = `$${params.push(HEADLINE_OPTIONS)}`;
  const after = cursor
    ? `AND (r.rank < $${params.push(cursor.r)}::real OR (r.rank = $${params.length}::real AND (r.type, r.id) > ($${params.push(cursor.t)}, $${params.push(cursor.i)}::uuid)))`
    : "";
  // One statement, so that the index is walked once: the first cap + 1 matches (one more says "more")
  // give the facets, each counting what the other filters keep; without filters they are also the
  // page's candidates, with the first matches whose title holds the words.
  const run = (fuzzy: boolean) =>
    q.query<ResultRow & { matched: number; facets: { dim: string; value: string; count: number }[] }>(
      `WITH ${tq},
       m AS (
         SELECT e.type, e.id, e.space_id, e.kind, e.status, e.themes, ${rank(fuzzy)} AS rank,
                ${c.type} AS ok_type, ${c.space} AS ok_space, ${c.kind} AS ok_kind, ${c.status} AS ok_status, ${c.theme} AS ok_theme
           FROM search_entries e, tq WHERE ${matches(fuzzy)} LIMIT ${cap + 1}),
       found AS (${
         filtered
           ? `SELECT e.type, e.id, ${rank(fuzzy)} AS rank FROM search_entries e, tq WHERE ${matches(fuzzy)} AND ${all} LIMIT ${cap + 1}`
           : "SELECT type, id, rank FROM m"
       }),
       titled AS (SELECT e.type, e.id, ${rank(fuzzy)} AS rank FROM search_entries e, tq
                   WHERE to_tsvector('atelier_fr', e.title) @@ tq.tq AND ${visible} AND ${dates} AND ${all}
                         ${excludes ? "AND e.tsv @@ tq.tq" : ""} LIMIT ${TITLED}),
       facets AS (
         SELECT 'all' AS dim, '' AS value, count(*)::int AS count FROM m
         UNION ALL SELECT 'type', m.type, count(*)::int FROM m WHERE ok_space AND ok_kind AND ok_status AND ok_theme GROUP BY m.type
         UNION ALL SELECT 'space', m.space_id::text, count(*)::int FROM m WHERE ok_type AND ok_kind AND ok_status AND ok_theme GROUP BY m.space_id
         UNION ALL SELECT 'kind', m.kind, count(*)::int FROM m WHERE m.type <> 'file' AND ok_type AND ok_space AND ok_status AND ok_theme GROUP BY m.kind
         UNION ALL SELECT 'status', m.status, count(*)::int FROM m WHERE m.type <> 'file' AND ok_type AND ok_space AND ok_kind AND ok_theme GROUP BY m.status
         UNION ALL SELECT 'theme', t.theme, count(*)::int FROM m, unnest(m.themes) AS t(theme) WHERE ok_type AND ok_space AND ok_kind AND ok_status GROUP BY t.theme),
       r AS (SELECT * FROM found UNION SELECT * FROM titled),
       page AS (SELECT r.type, r.id, r.rank FROM r WHERE true ${after} ORDER BY r.rank DESC, r.type, r.id LIMIT ${PAGE_SIZE + 1})
       SELECT p.*, (SELECT count(*)::int FROM found) AS matched, (SELECT json_agg(facets) FROM facets) AS facets
         FROM (SELECT 1) one LEFT JOIN LATERAL (
           SELECT page.type, page.id, e.document_id, e.space_id, e.title, e.kind, e.status, e.updated_at, e.in_trash,
                  page.rank, e.content_note, best.anchor, best.heading,
                  ts_headline('atelier_fr', COALESCE(best.body, left(e.body, 3000)), tq.tq, ${headline}) AS snippet
             FROM page JOIN search_entries e ON e.type = page.type AND e.id = page.id CROSS JOIN tq
             LEFT JOIN LATERAL (
               SELECT s.anchor, s.heading, s.body FROM search_sections s
                WHERE s.type = page.type AND s.id = page.id AND s.tsv @@ tq.tq
                ORDER BY ts_rank(s.tsv, tq.tq) DESC, s.ord LIMIT 1) best ON true) p ON true
        ORDER BY p.rank DESC, p.type, p.id`,
      params,
    );
  const countOf = (reply: { facets: { dim: string; count: number }[] }[]) => reply[0]!.facets.find((r) => r.dim === "all")!.count;
  let replied = await run(false);
  if (countOf(replied) < FEW) {
    const withTitles = await run(true);
    if (countOf(withTitles) > countOf(replied)) replied = withTitles;
  }
  const facetRows = replied[0]!.facets;
  const facetsAtLeast = countOf(replied) > cap;
  const rows = replied.filter((r) => r.id !== null);
  const more = rows.length > PAGE_SIZE;
  const shown = rows.slice(0, PAGE_SIZE);
  const names = new Map(scope.spaces.map((s) => [s.id, s.name]));
  const last = shown.at(-1);
  // Under the cap, the kinds of item count every match the other filters keep: the total is their sum.
  const matched = facetsAtLeast
    ? replied[0]!.matched
    : facetRows.filter((r) => r.dim === "type" && (!f.type || r.value === f.type)).reduce((n, r) => n + r.count, 0);
  return {
    results: shown.map((r) => toResult(r, names)),
    total: Math.min(matched, cap),
    totalAtLeast: matched > cap,
    facets: toFacets(facetRows.filter((r) => r.dim !== "all"), names),
    facetsAtLeast,
    nextCursor: more && last ? encodeCursor({ r: last.rank, t: last.type, i: last.id }) : null,
  };
}

function toResult(r: ResultRow, names: Map<string, string>): SearchResult {
  const snippet = r.snippet?.trim() || "";
  return {
    type: r.type,
    id: r.id,
    title: r.title,
    spaceId: r.space_id,
    spaceName: names.get(r.space_id) ?? "",
    kind: r.kind,
    status: r.type === "file" ? null : r.status,
    // A file whose contents could not be read says so where its text would be.
    snippet: snippet || r.content_note || "",
    url: urlOf(r),
    updatedAt: new Date(r.updated_at).toISOString(),
    heading: r.heading,
    inTrash: r.in_trash,
  };
}

function toFacets(rows: { dim: string; value: string; count: number }[], names: Map<string, string>): SearchReply["facets"] {
  const label: Record<string, (v: string) => string> = {
    type: (v) => SEARCH_TYPE_LABELS[v as SearchType] ?? v,
    space: (v) => names.get(v) ?? v,
    kind: (v) => DOCUMENT_KIND_LABELS[v as DocumentKind] ?? v,
    status: (v) => DOCUMENT_STATUS_LABELS[v as DocumentStatus] ?? v,
    theme: themeName,
  };
  const facets: SearchReply["facets"] = { type: [], space: [], kind: [], status: [], theme: [] };
  for (const r of rows) {
    if (r.value === null) continue;
    facets[r.dim as keyof typeof facets].push({ value: r.value, label: label[r.dim]!(r.value), count: r.count });
  }
  for (const list of Object.values(facets)) list.sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, "fr"));
  return facets;
}

/**
 * The words typed so far, each as the beginning of a title's word, accents ignored. Not stemmed:
 * the stem of a word cut short is not the beginning of the whole word's ("hébergem", "hébergement").
 */
export function prefixQuery(text: string): string | null {
  const all = text.normalize("NFC").match(/[\p{L}\p{N}]+/gu) ?? [];
  // A lone letter ("l" of "l'héb…") would match every word that starts with it.
  const words = all.length > 1 ? all.filter((w) => w.length > 1) : all;
  if (!words.length) return null;
  return words.map((w) => `'${w}':*`).join(" & ");
}

/** Titles of documents and files as one types, best first among the first found; the trash is never suggested. */
export async function suggest(q: Queryable, scope: SearchScope, text: string): Promise<SuggestReply> {
  const tsq = prefixQuery(text);
  if (!tsq) return { suggestions: [] };
  const params: unknown[] = [tsq];
  const visible = searchVisibleSql(scope, false, (v) => `$${params.push(v)}`);
  const rows = await q.query<ResultRow>(
    `WITH tq AS (SELECT to_tsquery('atelier_prefix', $1) AS tq),
     cand AS (SELECT e.type, e.id, e.document_id, e.space_id, e.title, e.updated_at FROM search_entries e, tq
               WHERE ${visible} AND e.type <> 'comment' AND to_tsvector('atelier_prefix', e.title) @@ tq.tq LIMIT ${SUGGESTION_CANDIDATES})
     SELECT cand.type, cand.id, cand.document_id, cand.space_id, cand.title, null AS anchor
       FROM cand, tq
      ORDER BY ts_rank(to_tsvector('atelier_prefix', cand.title), tq.tq) DESC, cand.updated_at DESC, cand.id LIMIT ${SUGGESTIONS}`,
    params,
  );
  const names = new Map(scope.spaces.map((s) => [s.id, s.name]));
  return {
    suggestions: rows.map((r) => ({ type: r.type, id: r.id, title: r.title, spaceName: names.get(r.space_id) ?? "", url: urlOf(r) })),
  };
}
