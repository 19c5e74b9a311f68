/**
 * Writes one item's entry and sections in the index. The weights rank a match in the title above
 * one in a heading (or a file's name and description), above one in the body, above the labels.
 */
import type { Queryable } from "../db/index.js";
import type { EntryType } from "./queue.js";

/** to_tsvector refuses texts past about 1 MB; beyond this the body is still shown, not searched. */
const TSV_MAX_CHARS = 500_000;

export interface Section {
  /** "titre-<slug>" (a document's heading, as the editor anchors it) or "page=N" (a PDF's page); null for the text before any. */
  anchor: string | null;
  heading: string | null;
  body: string;
}

export interface Entry {
  type: EntryType;
  id: string;
  spaceId: string;
  documentId: string | null;
  kind: string | null;
  status: string | null;
  themes: string[];
  title: string;
  /** Weight B: headings, or a file's name and description. */
  secondary: string;
  /** Weight C. */
  body: string;
  /** Weight D: the kind's and themes' names. */
  labels: string;
  contentNote: string | null;
  contentKey: string | null;
  updatedAt: Date;
  inTrash: boolean;
  trashedBy: string | null;
  ownerId: string | null;
  sections: Section[];
}

/** The snippet markers are the index's own: a text that holds them would fake a highlight. */
const clean = (text: string) => text.replace(/[\u0002\u0003]/g, " ");

export async function writeEntry(q: Queryable, e: Entry): Promise<void> {
  await q.query("DELETE FROM search_sections WHERE type = $1 AND id = $2", [e.type, e.id]);
  await q.query(
    `INSERT INTO search_entries (type, id, space_id, document_id, kind, status, themes, title, body, content_note, content_key,
                                 updated_at, in_trash, trashed_by, owner_id, tsv, indexed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15,
             setweight(to_tsvector('atelier_fr', $8), 'A') || setweight(to_tsvector('atelier_fr', $16), 'B')
             || setweight(to_tsvector('atelier_fr', left($9, ${TSV_MAX_CHARS})), 'C') || setweight(to_tsvector('atelier_fr', $17), 'D'),
             now())
     ON CONFLICT (type, id) DO UPDATE SET
       space_id = EXCLUDED.space_id, document_id = EXCLUDED.document_id, kind = EXCLUDED.kind, status = EXCLUDED.status,
       themes = EXCLUDED.themes, title = EXCLUDED.title, body = EXCLUDED.body, content_note = EXCLUDED.content_note,
       content_key = EXCLUDED.content_key, updated_at = EXCLUDED.updated_at, in_trash = EXCLUDED.in_trash,
       trashed_by = EXCLUDED.trashed_by, owner_id = EXCLUDED.owner_id, tsv = EXCLUDED.tsv, indexed_at = now()`,
    [
      e.type,
      e.id,
      e.spaceId,
      e.documentId,
      e.kind,
      e.status,
      e.themes,
      clean(e.title),
      clean(e.body),
      e.contentNote,
      e.contentKey,
      e.updatedAt,
      e.inTrash,
      e.trashedBy,
      e.ownerId,
      clean(e.secondary),
      e.labels,
    ],
  );
  const sections = e.sections.filter((s) => s.body.trim() || s.heading);
  if (!sections.length) return;
  await q.query(
    `INSERT INTO search_sections (type, id, ord, anchor, heading, body, tsv)
     SELECT $1, $2, s.ord, s.anchor, s.heading, s.body,
            setweight(to_tsvector('atelier_fr', coalesce(s.heading, '')), 'B') || to_tsvector('atelier_fr', left(s.body, ${TSV_MAX_CHARS}))
       FROM unnest($3::int[], $4::text[], $5::text[], $6::text[]) AS s(ord, anchor, heading, body)`,
    [e.type, e.id, sections.map((_, i) => i), sections.map((s) => s.anchor), sections.map((s) => s.heading && clean(s.heading)), sections.map((s) => clean(s.body))],
  );
}

export async function removeEntry(q: Queryable, type: EntryType, id: string): Promise<void> {
  await q.query("DELETE FROM search_entries WHERE type = $1 AND id = $2", [type, id]);
}

/** What a file's entry already holds from the same bytes, so that a new title does not read them again. */
export async function previousContents(q: Queryable, id: string, contentKey: string) {
  const [entry] = await q.query<{ body: string; content_note: string | null }>(
    "SELECT body, content_note FROM search_entries WHERE type = 'file' AND id = $1 AND content_key = $2",
    [id, contentKey],
  );
  if (!entry) return null;
  const sections = await q.query<Section>(
    "SELECT anchor, heading, body FROM search_sections WHERE type = 'file' AND id = $1 ORDER BY ord",
    [id],
  );
  return { body: entry.body, contentNote: entry.content_note, sections };
}
