/** The document_versions table: snapshots and what the history lists of them. */
import type { VersionKind, VersionSummary } from "@atelier/shared";
import type { Queryable } from "../db/index.js";

export interface VersionRow {
  id: string;
  document_id: string;
  kind: VersionKind;
  name: string | null;
  reason: string | null;
  created_at: Date;
  created_by: string | null;
  creator_name: string | null;
  restored_from: string | null;
  restored_name: string | null;
  restored_at: Date | null;
  authors: string[];
}

const COLUMNS = `v.id, v.document_id, v.kind, v.name, v.reason, v.created_at, v.created_by, v.restored_from, v.authors,
  NULLIF(trim(u.first_name || ' ' || u.last_name), '') AS creator_name, r.name AS restored_name, r.created_at AS restored_at`;
const FROM = `FROM document_versions v LEFT JOIN users u ON u.id = v.created_by
  LEFT JOIN document_versions r ON r.id = v.restored_from`;

const bytesOf = (data: Uint8Array) => new Uint8Array(data.buffer, data.byteOffset, data.byteLength);

export async function listVersions(q: Queryable, documentId: string): Promise<VersionRow[]> {
  return q.query<VersionRow>(`SELECT ${COLUMNS} ${FROM} WHERE v.document_id = $1 ORDER BY v.seq DESC`, [documentId]);
}

export async function findVersion(q: Queryable, documentId: string, versionId: string): Promise<VersionRow | null> {
  const [row] = await q.query<VersionRow>(`SELECT ${COLUMNS} ${FROM} WHERE v.document_id = $1 AND v.id = $2`, [
    documentId,
    versionId,
  ]);
  return row ?? null;
}

/** The snapshot of one version (a full Yjs state): a single row read, never a log replay. */
export async function versionState(q: Queryable, versionId: string): Promise<Uint8Array> {
  const [row] = await q.query<{ state: Uint8Array }>("SELECT state FROM document_versions WHERE id = $1", [versionId]);
  if (!row) throw new Error(`version ${versionId} introuvable`);
  return bytesOf(row.state);
}

/** The latest version: its id, date and snapshot. */
export async function latestVersion(q: Queryable, documentId: string): Promise<{ id: string; created_at: Date; state: Uint8Array } | null> {
  const [row] = await q.query<{ id: string; created_at: Date; state: Uint8Array }>(
    "SELECT id, created_at, state FROM document_versions WHERE document_id = $1 ORDER BY seq DESC LIMIT 1",
    [documentId],
  );
  return row ? { ...row, state: bytesOf(row.state) } : null;
}

export async function renameVersion(q: Queryable, versionId: string, name: string) {
  await q.query("UPDATE document_versions SET name = $2, kind = CASE WHEN kind = 'auto' THEN 'named' ELSE kind END WHERE id = $1", [
    versionId,
    name,
  ]);
}

/** Names of the people these versions list (creators are joined already). */
export async function userNames(q: Queryable, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await q.query<{ id: string; name: string }>(
    "SELECT id, trim(first_name || ' ' || last_name) AS name FROM users WHERE id = ANY($1::uuid[])",
    [[...new Set(ids)]],
  );
  return new Map(rows.map((r) => [r.id, r.name]));
}

export function toVersionSummary(r: VersionRow, names: Map<string, string>): VersionSummary {
  return {
    id: r.id,
    documentId: r.document_id,
    kind: r.kind,
    name: r.name,
    reason: r.reason,
    createdAt: new Date(r.created_at).toISOString(),
    createdBy: r.created_by ? { id: r.created_by, name: r.creator_name ?? "" } : null,
    authors: r.authors.map((id) => ({ id, name: names.get(id) ?? "" })),
    restoredFrom: r.restored_from,
    restored: r.restored_at ? { name: r.restored_name, createdAt: new Date(r.restored_at).toISOString() } : null,
  };
}

/** Records that these people just wrote in the document. */
export async function noteAuthors(q: Queryable, documentId: string, userIds: string[]) {
  await q.query(
    `INSERT INTO document_authors (document_id, user_id, last_edit_at)
     SELECT $1, u, now() FROM unnest($2::uuid[]) AS u
     ON CONFLICT (document_id, user_id) DO UPDATE SET last_edit_at = now()`,
    [documentId, userIds],
  );
}

/** Everyone who ever wrote in the document (told of new comments). */
export async function documentAuthors(q: Queryable, documentId: string): Promise<string[]> {
  const rows = await q.query<{ user_id: string }>("SELECT user_id FROM document_authors WHERE document_id = $1", [documentId]);
  return rows.map((r) => r.user_id);
}
