/**
 * The log of a document's Yjs updates in the database. Every accepted update is appended before
 * anyone else receives it; compaction merges the log into one row, in one transaction, under the
 * lock of the document's row so that two instances never compact the same rows twice.
 */
import * as Y from "yjs";
import type { Db, Queryable } from "../db/index.js";
import type { Bus } from "../events/bus.js";

export interface StoredLog {
  updates: Uint8Array[];
  rows: number;
  bytes: number;
}

const bytesOf = (data: Uint8Array | Buffer) => new Uint8Array(data.buffer, data.byteOffset, data.byteLength);

export async function loadLog(q: Queryable, documentId: string): Promise<StoredLog> {
  const rows = await q.query<{ data: Uint8Array }>(
    "SELECT data FROM document_updates WHERE document_id = $1 ORDER BY id",
    [documentId],
  );
  const updates = rows.map((r) => bytesOf(r.data));
  return { updates, rows: updates.length, bytes: updates.reduce((n, u) => n + u.byteLength, 0) };
}

/** The document rebuilt from its log (content export, compaction). */
export async function loadYDoc(q: Queryable, documentId: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  const { updates } = await loadLog(q, documentId);
  doc.transact(() => updates.forEach((u) => Y.applyUpdate(doc, u)));
  return doc;
}

/** Appends one update; the document's updated_at moves at most once a minute to spare writes. */
export const appendUpdate = (q: Queryable, documentId: string, update: Uint8Array, bus?: Bus) =>
  appendUpdates(q, documentId, [update], bus);

/** Appends updates in order, in one statement; `bus` hears that new content is stored. */
export async function appendUpdates(q: Queryable, documentId: string, updates: Uint8Array[], bus?: Bus): Promise<void> {
  const rows = updates.map((_, i) => `($1, $${i + 2})`).join(", ");
  await q.query(
    `WITH appended AS (INSERT INTO document_updates (document_id, data) VALUES ${rows} RETURNING document_id)
     UPDATE documents SET updated_at = now()
      WHERE id = $1 AND EXISTS (SELECT 1 FROM appended) AND updated_at < now() - interval '1 minute'`,
    [documentId, ...updates],
  );
  await bus?.emit(q, "documentContentStored", { documentId });
}

/**
 * Groups a batch of updates into a few merged ones. Y.mergeUpdates grows much faster than the
 * number of updates it merges (50,000 keystrokes take minutes), so it only ever sees small groups.
 */
export function mergeInGroups(updates: Uint8Array[], size = 32): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < updates.length; i += size) {
    const group = updates.slice(i, i + size);
    out.push(group.length === 1 ? group[0]! : Y.mergeUpdates(group));
  }
  return out;
}

/**
 * Replaces the rows of the log by one row holding their merge, under the last of their ids.
 * Returns the rows and bytes left.
 */
export async function compactLog(db: Db, documentId: string): Promise<{ rows: number; bytes: number }> {
  return db.tx(async (q) => {
    // The document's row is the lock: a second instance compacting waits, then finds one row.
    // NO KEY UPDATE leaves appends free meanwhile (their foreign key check only shares the key).
    await q.query("SELECT id FROM documents WHERE id = $1 FOR NO KEY UPDATE", [documentId]);
    const rows = await q.query<{ id: number; data: Uint8Array }>(
      "SELECT id, data FROM document_updates WHERE document_id = $1 ORDER BY id",
      [documentId],
    );
    if (rows.length <= 1) return { rows: rows.length, bytes: rows[0]?.data.byteLength ?? 0 };
    const doc = new Y.Doc();
    doc.transact(() => rows.forEach((r) => Y.applyUpdate(doc, bytesOf(r.data))));
    const merged = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    const lastId = rows.at(-1)!.id;
    // Exactly the rows merged: an append from another instance may commit meanwhile with a smaller
    // id (ids are taken before commit), and must stay. The log's order does not matter to Yjs.
    await q.query("DELETE FROM document_updates WHERE id = ANY($1::bigint[])", [rows.map((r) => r.id)]);
    await q.query("INSERT INTO document_updates (id, document_id, data) VALUES ($1, $2, $3)", [lastId, documentId, merged]);
    return { rows: 1, bytes: merged.byteLength };
  });
}
