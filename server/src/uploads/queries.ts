import { UPLOAD_EXPIRY_HOURS, type UploadSession } from "@atelier/shared";
import type { Queryable } from "../db/index.js";
import type { PartRef } from "../storage/types.js";
import type { FileMeta } from "../files/create.js";

export interface SessionRow {
  id: string;
  user_id: string;
  space_id: string;
  file_id: string | null;
  metadata: FileMeta;
  original_name: string;
  size: number;
  storage_key: string;
  multipart_id: string | null;
  parts: PartRef[];
  tail_key: string | null;
  received: number;
  head: Uint8Array;
  hash_state: Uint8Array | null;
  lease: string | null;
  /** The file the upload became, once its last byte arrived. */
  completed_file_id: string | null;
  expires_at: Date;
}

const EXPIRY = `now() + interval '${UPLOAD_EXPIRY_HOURS} hours'`;
const COLUMNS = `id, user_id, space_id, file_id, metadata, original_name, size::float8 AS size, storage_key, multipart_id,
  parts, tail_key, received::float8 AS received, head, hash_state, lease, completed_file_id, expires_at`;

export function toSession(r: SessionRow, partSize: number): UploadSession {
  return {
    id: r.id,
    offset: Number(r.received),
    size: Number(r.size),
    partSize,
    expiresAt: new Date(r.expires_at).toISOString(),
  };
}

export async function insertSession(
  q: Queryable,
  s: { id: string; userId: string; spaceId: string; fileId: string | null; metadata: FileMeta; name: string; size: number; key: string },
): Promise<SessionRow> {
  const [row] = await q.query<SessionRow>(
    `INSERT INTO upload_sessions (id, user_id, space_id, file_id, metadata, original_name, size, storage_key, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, ${EXPIRY}) RETURNING ${COLUMNS}`,
    [s.id, s.userId, s.spaceId, s.fileId, JSON.stringify(s.metadata), s.name, s.size, s.key],
  );
  return row!;
}

/** A live session (an expired one is as good as gone, whatever the purge has done yet). */
export async function getSession(q: Queryable, id: string): Promise<SessionRow | null> {
  const [row] = await q.query<SessionRow>(`SELECT ${COLUMNS} FROM upload_sessions WHERE id = $1 AND expires_at > now()`, [id]);
  return row ?? null;
}

/**
 * Gives the session to a new request and returns it as it then stands: an older request still
 * sending notices at its next commit and stops, so nothing changes the session behind this one.
 */
export async function takeLease(q: Queryable, id: string, lease: string): Promise<SessionRow | null> {
  const [row] = await q.query<SessionRow>(
    `UPDATE upload_sessions SET lease = $2 WHERE id = $1 AND expires_at > now() RETURNING ${COLUMNS}`,
    [id, lease],
  );
  return row ?? null;
}

export interface Progress {
  multipartId: string | null;
  parts: PartRef[];
  tailKey: string | null;
  received: number;
  head: Uint8Array;
  hashState: Uint8Array;
}

/** Records progress if the request still holds the session; false when it was taken over or removed. */
export async function commitProgress(q: Queryable, id: string, lease: string, p: Progress): Promise<boolean> {
  const rows = await q.query(
    `UPDATE upload_sessions
        SET multipart_id = $3, parts = $4, tail_key = $5, received = $6, head = $7, hash_state = $8, expires_at = ${EXPIRY}
      WHERE id = $1 AND lease = $2 RETURNING id`,
    [id, lease, p.multipartId, JSON.stringify(p.parts), p.tailKey, p.received, p.head, p.hashState],
  );
  return rows.length === 1;
}

/** Marks the session done, pointing at its file, if the request still holds it; its staging state goes. */
export async function completeSession(q: Queryable, id: string, lease: string, fileId: string): Promise<void> {
  await q.query(
    `UPDATE upload_sessions
        SET completed_file_id = $3, received = size, multipart_id = NULL, parts = '[]', tail_key = NULL,
            head = ''::bytea, hash_state = NULL, lease = NULL, expires_at = ${EXPIRY}
      WHERE id = $1 AND lease = $2`,
    [id, lease, fileId],
  );
}

/** Ends the session now (cancelled): it is gone for its owner, and the purge clears what it left. */
export async function expireSession(q: Queryable, id: string): Promise<void> {
  await q.query("UPDATE upload_sessions SET expires_at = now(), lease = NULL WHERE id = $1", [id]);
}

export async function deleteSession(q: Queryable, id: string): Promise<void> {
  await q.query("DELETE FROM upload_sessions WHERE id = $1", [id]);
}

export async function expiredSessions(q: Queryable, limit: number): Promise<SessionRow[]> {
  return q.query<SessionRow>(`SELECT ${COLUMNS} FROM upload_sessions WHERE expires_at <= now() ORDER BY expires_at LIMIT $1`, [limit]);
}
