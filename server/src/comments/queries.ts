/** Comment threads and their comments in the database. */
import type { Queryable } from "../db/index.js";

export interface ThreadRow {
  id: string;
  document_id: string;
  anchor_from: string;
  anchor_to: string;
  quote: string;
  created_by: string | null;
  created_at: Date;
  resolved_at: Date | null;
  resolved_by: string | null;
}

export interface CommentRow {
  id: string;
  thread_id: string;
  author_id: string | null;
  body: string;
  mentions: string[];
  created_at: Date;
}

const THREAD = "SELECT id, document_id, anchor_from, anchor_to, quote, created_by, created_at, resolved_at, resolved_by FROM comment_threads";

export async function listThreads(q: Queryable, documentId: string, status: "open" | "resolved" | "all") {
  return q.query<ThreadRow>(
    `${THREAD} WHERE document_id = $1 AND ($2 = 'all' OR (resolved_at IS NULL) = ($2 = 'open')) ORDER BY created_at, id`,
    [documentId, status],
  );
}

export async function findThread(q: Queryable, documentId: string, threadId: string) {
  const [row] = await q.query<ThreadRow>(`${THREAD} WHERE document_id = $1 AND id = $2`, [documentId, threadId]);
  return row ?? null;
}

export async function commentsOf(q: Queryable, threadIds: string[]) {
  if (threadIds.length === 0) return [];
  return q.query<CommentRow>(
    "SELECT id, thread_id, author_id, body, mentions, created_at FROM comments WHERE thread_id = ANY($1::uuid[]) ORDER BY seq",
    [threadIds],
  );
}

export async function insertThread(
  q: Queryable,
  t: { id: string; documentId: string; from: string; to: string; quote: string; userId: string },
) {
  await q.query(
    "INSERT INTO comment_threads (id, document_id, anchor_from, anchor_to, quote, created_by) VALUES ($1, $2, $3, $4, $5, $6)",
    [t.id, t.documentId, t.from, t.to, t.quote, t.userId],
  );
}

export async function insertComment(q: Queryable, c: { threadId: string; userId: string; body: string; mentions: string[] }) {
  await q.query("INSERT INTO comments (id, thread_id, author_id, body, mentions) VALUES ($1, $2, $3, $4, $5)", [
    crypto.randomUUID(),
    c.threadId,
    c.userId,
    c.body,
    c.mentions,
  ]);
}

export async function resolveThread(q: Queryable, threadId: string, userId: string) {
  await q.query("UPDATE comment_threads SET resolved_at = now(), resolved_by = $2 WHERE id = $1", [threadId, userId]);
}

export async function reopenThread(q: Queryable, threadId: string) {
  await q.query("UPDATE comment_threads SET resolved_at = NULL, resolved_by = NULL WHERE id = $1", [threadId]);
}

/** Who wrote in the thread, to be told of a reply. */
export async function participants(q: Queryable, threadId: string): Promise<string[]> {
  const rows = await q.query<{ author_id: string }>(
    "SELECT DISTINCT author_id FROM comments WHERE thread_id = $1 AND author_id IS NOT NULL",
    [threadId],
  );
  return rows.map((r) => r.author_id);
}

/**
 * People who may be mentioned in a space's document: its members and the national team; the
 * caller keeps those the policy lets read the document.
 */
export async function mentionCandidates(q: Queryable, spaceId: string) {
  return q.query<{ id: string; name: string; email: string }>(
    `SELECT u.id, trim(u.first_name || ' ' || u.last_name) AS name, u.email FROM users u
      WHERE u.active AND (u.platform_role = 'national' OR u.id IN (SELECT user_id FROM memberships WHERE space_id = $1))
      ORDER BY u.last_name, u.first_name`,
    [spaceId],
  );
}
