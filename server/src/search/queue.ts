/**
 * The durable queue of what to (re)index: a row per item, written in the transaction that changed
 * the item, so that a crash or a restart loses nothing. A document's new content is due a second
 * later and is not postponed by further edits: a document edited continuously is re-indexed at
 * most every DOCUMENT_DELAY_MS, and never later than that after the last keystroke.
 */
import type { Services } from "../context.js";
import type { Queryable } from "../db/index.js";

export type EntryType = "document" | "file" | "comment";

export const DOCUMENT_DELAY_MS = 1000;
/** How long a worker keeps a row it took before another may take it (a crashed instance's work). */
const CLAIM_MS = 120_000;
const MAX_BACKOFF_MS = 3600_000;

const delayOf = (type: EntryType) => (type === "document" ? DOCUMENT_DELAY_MS : 0);

/** Asks for items to be indexed again; the rows already waiting keep their (earlier) due time. */
export async function enqueue(q: Queryable, type: EntryType, ids: string[], delayMs = delayOf(type)): Promise<void> {
  if (!ids.length) return;
  await q.query(
    `INSERT INTO search_queue (type, id, due_at)
     SELECT $1, x, now() + $3 * interval '1 millisecond' FROM unnest($2::uuid[]) AS x
     ON CONFLICT (type, id) DO UPDATE
       SET generation = search_queue.generation + 1, due_at = LEAST(search_queue.due_at, EXCLUDED.due_at)`,
    [type, ids, delayMs],
  );
}

/** The bus events that change what search finds, each turned into queue rows in the same transaction. */
export function subscribeSearch(s: Pick<Services, "bus">): void {
  s.bus.on("documentContentStored", (q, e) => enqueue(q, "document", [e.documentId]));
  s.bus.on("documentChanged", async (q, e) => {
    // A new title or status is indexed at once; only the stream of keystrokes waits.
    await enqueue(q, "document", [e.documentId], 0);
    // Its comment threads carry its title, space, kind, status and trash state.
    const threads = await q.query<{ id: string }>("SELECT id FROM comment_threads WHERE document_id = $1", [e.documentId]);
    await enqueue(q, "comment", threads.map((t) => t.id));
  });
  s.bus.on("fileChanged", (q, e) => enqueue(q, "file", [e.fileId]));
  s.bus.on("commentThreadChanged", (q, e) => enqueue(q, "comment", [e.threadId]));
}

export interface Claimed {
  type: EntryType;
  id: string;
  generation: number;
  attempts: number;
}

/** Takes due rows no other worker holds; several instances share the queue without overlap. */
export async function claim(q: Queryable, limit: number): Promise<Claimed[]> {
  return q.query<Claimed>(
    `UPDATE search_queue SET claimed_until = now() + $2 * interval '1 millisecond'
      WHERE (type, id) IN (
        SELECT type, id FROM search_queue
         WHERE due_at <= now() AND (claimed_until IS NULL OR claimed_until < now())
         ORDER BY due_at LIMIT $1 FOR UPDATE SKIP LOCKED)
      RETURNING type, id, generation, attempts`,
    [limit, CLAIM_MS],
  );
}

/**
 * The row is done unless it was asked for again meanwhile; then it stays, due no sooner than
 * the item's delay (continuous typing is indexed every few seconds, not at every round).
 */
export async function release(q: Queryable, row: Claimed): Promise<void> {
  const [done] = await q.query("DELETE FROM search_queue WHERE type = $1 AND id = $2 AND generation = $3 RETURNING id", [
    row.type,
    row.id,
    row.generation,
  ]);
  if (done) return;
  await q.query(
    `UPDATE search_queue SET claimed_until = NULL, attempts = 0, last_error = NULL,
            due_at = GREATEST(due_at, now() + $3 * interval '1 millisecond')
      WHERE type = $1 AND id = $2`,
    [row.type, row.id, delayOf(row.type)],
  );
}

/** A failed indexing is tried again later, ever less often, with its error kept for the operator. */
export async function fail(q: Queryable, row: Claimed, error: string): Promise<void> {
  const backoff = Math.min(5000 * 2 ** row.attempts, MAX_BACKOFF_MS);
  await q.query(
    `UPDATE search_queue SET claimed_until = NULL, attempts = attempts + 1, last_error = $3,
            due_at = now() + $4 * interval '1 millisecond'
      WHERE type = $1 AND id = $2`,
    [row.type, row.id, error.slice(0, 2000), backoff],
  );
}

/** Everything there is to index (the rebuild command), due now. */
export async function enqueueEverything(q: Queryable): Promise<void> {
  await q.query(
    `INSERT INTO search_queue (type, id)
     SELECT 'document', id FROM documents
     UNION ALL SELECT 'file', id FROM files
     UNION ALL SELECT 'comment', id FROM comment_threads
     ON CONFLICT (type, id) DO UPDATE SET generation = search_queue.generation + 1, due_at = now()`,
  );
  // Entries whose item is gone without an event (a row deleted by hand) go with the next round.
  await q.query(
    `INSERT INTO search_queue (type, id)
     SELECT type, id FROM search_entries e
      WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE e.type = 'document' AND d.id = e.id)
        AND NOT EXISTS (SELECT 1 FROM files f WHERE e.type = 'file' AND f.id = e.id)
        AND NOT EXISTS (SELECT 1 FROM comment_threads t WHERE e.type = 'comment' AND t.id = e.id)
     ON CONFLICT (type, id) DO NOTHING`,
  );
}
