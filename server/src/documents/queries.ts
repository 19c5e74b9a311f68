import { randomUUID } from "node:crypto";
import { templateUpdate } from "@atelier/editor";
import type { DocumentKind, DocumentListItem, DocumentStatus, DocumentSummary, ListDocumentsQuery } from "@atelier/shared";
import type { Services } from "../context.js";
import type { Queryable } from "../db/index.js";

export interface DocumentRow {
  id: string;
  space_id: string;
  title: string;
  kind: DocumentKind;
  themes: string[];
  created_by: string | null;
  creator_name: string | null;
  created_at: Date;
  updated_at: Date;
  trashed_at: Date | null;
}

const SELECT = `
  SELECT d.id, d.space_id, d.title, d.kind, d.themes, d.created_by, d.created_at, d.updated_at, d.trashed_at,
         NULLIF(trim(u.first_name || ' ' || u.last_name), '') AS creator_name
    FROM documents d LEFT JOIN users u ON u.id = d.created_by`;

const iso = (d: Date | string) => new Date(d).toISOString();

export function toSummary(r: DocumentRow): DocumentSummary {
  return {
    id: r.id,
    spaceId: r.space_id,
    title: r.title,
    kind: r.kind,
    themes: r.themes,
    createdBy: r.created_by ? { id: r.created_by, name: r.creator_name ?? "" } : null,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
    trashedAt: r.trashed_at ? iso(r.trashed_at) : null,
  };
}

export async function findDocument(q: Queryable, id: string): Promise<DocumentRow | null> {
  const [row] = await q.query<DocumentRow>(`${SELECT} WHERE d.id = $1`, [id]);
  return row ?? null;
}

interface ListRow extends DocumentRow {
  status: DocumentStatus | null;
  last_at: Date;
  last_by: string | null;
  last_by_name: string | null;
  trashed_by: string | null;
  trasher_name: string | null;
}

const person = (id: string | null, name: string | null) => (id ? { id, name: name ?? "" } : null);

function toListItem(r: ListRow): DocumentListItem {
  return {
    ...toSummary(r),
    status: r.status ?? "brouillon",
    lastChange: { at: iso(r.last_at), by: person(r.last_by, r.last_by_name) },
    trashedBy: r.trashed_at ? person(r.trashed_by, r.trasher_name) : null,
  };
}

// The last change is the latest of: its creation, its title or themes, its text (the authors'
// notes) and its status. A document without a workflow row is a draft.
export async function listDocuments(q: Queryable, spaceId: string, filter: ListDocumentsQuery): Promise<DocumentListItem[]> {
  const rows = await q.query<ListRow>(
    `SELECT d.id, d.space_id, d.title, d.kind, d.themes, d.created_by, d.created_at, d.updated_at, d.trashed_at, d.trashed_by,
            NULLIF(trim(u.first_name || ' ' || u.last_name), '') AS creator_name,
            NULLIF(trim(t.first_name || ' ' || t.last_name), '') AS trasher_name,
            w.status, lc.at AS last_at, lc.by AS last_by,
            NULLIF(trim(l.first_name || ' ' || l.last_name), '') AS last_by_name
       FROM documents d
       LEFT JOIN users u ON u.id = d.created_by
       LEFT JOIN users t ON t.id = d.trashed_by
       LEFT JOIN document_workflow w ON w.document_id = d.id
       CROSS JOIN LATERAL (
         SELECT x.at, x.by FROM (
           SELECT d.created_at AS at, d.created_by AS by
           UNION ALL SELECT d.details_changed_at, d.details_changed_by WHERE d.details_changed_at IS NOT NULL
           UNION ALL SELECT a.last_edit_at, a.user_id FROM document_authors a WHERE a.document_id = d.id
           UNION ALL SELECT c.at, c.actor_id FROM document_status_changes c WHERE c.document_id = d.id
         ) x ORDER BY x.at DESC LIMIT 1
       ) lc
       LEFT JOIN users l ON l.id = lc.by
      WHERE d.space_id = $1 AND (d.trashed_at IS NOT NULL) = $2
        AND ($3::text IS NULL OR d.kind = $3) AND ($4::text IS NULL OR $4 = ANY(d.themes))
      ORDER BY lc.at DESC, d.title`,
    [spaceId, filter.trash === "true", filter.kind ?? null, filter.theme ?? null],
  );
  return rows.map(toListItem);
}

export interface NewDocument {
  spaceId: string;
  title: string;
  kind: DocumentKind;
  themes: string[];
  userId: string;
  /** Its first content as a Yjs update; its kind's template by default. */
  content?: Uint8Array;
}

/** A new document with its first content, stored and told like any content, inside the caller's transaction. */
export async function insertDocument(s: Pick<Services, "content">, q: Queryable, input: NewDocument): Promise<DocumentRow> {
  const id = randomUUID();
  await q.query(
    "INSERT INTO documents (id, space_id, title, kind, themes, created_by) VALUES ($1, $2, $3, $4, $5, $6)",
    [id, input.spaceId, input.title, input.kind, input.themes, input.userId],
  );
  await s.content.store(q, id, [input.content ?? templateUpdate(input.kind)]);
  return (await findDocument(q, id))!;
}

/** A new document, in a transaction of its own, with what else must be written with it. */
export async function createDocument(
  s: Pick<Services, "db" | "content">,
  input: NewDocument,
  /** What else must be written in the same transaction (the event that it exists, an import's attachments). */
  within?: (q: Queryable, id: string) => Promise<void>,
): Promise<DocumentRow> {
  return s.db.tx(async (q) => {
    const row = await insertDocument(s, q, input);
    await within?.(q, row.id);
    return row;
  });
}

export async function updateDocument(q: Queryable, id: string, patch: { title?: string; themes?: string[] }, userId: string) {
  await q.query(
    `UPDATE documents SET title = COALESCE($2, title), themes = COALESCE($3, themes), updated_at = now(),
            details_changed_at = now(), details_changed_by = $4
      WHERE id = $1`,
    [id, patch.title ?? null, patch.themes ?? null, userId],
  );
}

export async function trashDocument(q: Queryable, id: string, userId: string) {
  await q.query("UPDATE documents SET trashed_at = now(), trashed_by = $2 WHERE id = $1 AND trashed_at IS NULL", [id, userId]);
}

export async function restoreDocument(q: Queryable, id: string) {
  await q.query("UPDATE documents SET trashed_at = NULL, trashed_by = NULL WHERE id = $1", [id]);
}
