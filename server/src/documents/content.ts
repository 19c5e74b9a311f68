/**
 * A document's content: the log of its Yjs updates in the database, owned by the documents
 * capability and read and written only through this module.
 * - Reading: loadLog / loadYDoc, from any connection or transaction.
 * - Storing: `DocumentContent.store` appends inside the caller's transaction and tells the bus
 *   `documentContentStored` in it, once per stored batch (versions and search react to it).
 * - Changing a document that may be open (a restore): `DocumentContent.edit`. The collaboration
 *   capability registers itself as the live writer at start (`serveLive`), so that such a change
 *   goes through the open copy and reaches its editors; nobody calls collab to write content.
 * - Compaction merges the log into one row, in one transaction, under the lock of the document's
 *   row so that two instances never compact the same rows twice.
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

/** Appends updates in order, in one statement; the document's updated_at moves at most once a minute to spare writes. */
async function appendUpdates(q: Queryable, documentId: string, updates: Uint8Array[]): Promise<void> {
  const rows = updates.map((_, i) => `($1, $${i + 2})`).join(", ");
  await q.query(
    `WITH appended AS (INSERT INTO document_updates (document_id, data) VALUES ${rows} RETURNING document_id)
     UPDATE documents SET updated_at = now()
      WHERE id = $1 AND EXISTS (SELECT 1 FROM appended) AND updated_at < now() - interval '1 minute'`,
    [documentId, ...updates],
  );
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

/** The open copies of documents on this instance (the collaboration rooms), as content sees them. */
export interface LiveCopies {
  /**
   * Makes the change as `userId` (null: nobody's, such as a withdrawn quote) through the document's
   * open copy on this instance, which stores it and sends it to its editors; resolves once stored.
   * False when the document is not open here.
   */
  edit(documentId: string, userId: string | null, change: (doc: Y.Doc) => void): Promise<boolean>;
  /** An update stored without an open copy here: the other instances' copies, and one opened meanwhile, get it. */
  relay(documentId: string, update: Uint8Array): void;
}

/** Stores content and tells it: one per instance, in Services. */
export class DocumentContent {
  private live: LiveCopies | null = null;

  constructor(
    private readonly db: Db,
    private readonly bus: Bus,
  ) {}

  /**
   * Appends `updates` inside the transaction `q`, then tells `documentContentStored` in it.
   * `authors`: who wrote them (for the versions' authorship); none for content nobody typed,
   * such as a new document's template.
   */
  async store(q: Queryable, documentId: string, updates: Uint8Array[], authors?: string[]): Promise<void> {
    if (updates.length === 0) return;
    await appendUpdates(q, documentId, updates);
    await this.bus.emit(q, "documentContentStored", authors ? { documentId, authors } : { documentId });
  }

  /** The collaboration capability serves the open documents; returns how to stop. */
  serveLive(live: LiveCopies): () => void {
    this.live = live;
    return () => {
      if (this.live === live) this.live = null;
    };
  }

  /**
   * Changes the document as `userId`, in one Yjs transaction: through its open copy when there is
   * one on this instance; otherwise stored from the database's state and relayed. Resolves once stored.
   * Without a `userId` the change has no author, and so makes no automatic version.
   */
  async edit(documentId: string, userId: string | null, change: (doc: Y.Doc) => void): Promise<void> {
    if (await this.live?.edit(documentId, userId, change)) return;
    const doc = await loadYDoc(this.db, documentId);
    try {
      let update: Uint8Array | null = null;
      doc.on("update", (u: Uint8Array) => (update = u));
      doc.transact(() => change(doc));
      if (!update) return;
      const stored: Uint8Array = update;
      await this.db.tx((q) => this.store(q, documentId, [stored], userId ? [userId] : undefined));
      this.live?.relay(documentId, stored);
    } finally {
      doc.destroy();
    }
  }
}
