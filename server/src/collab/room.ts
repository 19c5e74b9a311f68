/**
 * One open document on this instance: its Y.Doc and presence, the sockets editing it, and the
 * write queue. An accepted update is appended to the database, then sent to the others (and to
 * the other instances); updates that arrive while a write is under way go together in the next.
 */
import { COLLAB_CLOSE, COLLAB_READ_ONLY_REASON } from "@atelier/shared";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import type { Config } from "../config.js";
import type { Db } from "../db/index.js";
import type { Conn } from "./conn.js";
import type { Fanout } from "./fanout.js";
import {
  awarenessMessage,
  carriesNewContent,
  permissionDenied,
  readMessage,
  syncStep1,
  syncStep2,
  syncUpdate,
} from "./protocol.js";
import { appendUpdates, compactLog, loadLog, mergeInGroups } from "./store.js";
import { editsStored } from "../versions/tracker.js";

/** Origin of what other instances sent: applied and shown here, already stored by its sender. */
export const REMOTE = Symbol("remote");
const LOAD = Symbol("load");
/** A read-only connection's presence is relayed at most this often. */
const READER_AWARENESS_MS = 250;

type Limits = Pick<Config, "COLLAB_MAX_DOCUMENT_BYTES" | "COLLAB_COMPACT_ROWS" | "COLLAB_COMPACT_BYTES">;

export class Room {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly conns = new Set<Conn>();
  readonly ready: Promise<void>;
  private queue: { update: Uint8Array; origin: Conn }[] = [];
  private writing: Promise<void> | null = null;
  private failed = false;
  private disposed = false;
  private docBytes = 0;
  private logRows = 0;
  /** Bytes appended since the log was last one merged row: a large document alone does not trigger compaction. */
  private appendedBytes = 0;

  constructor(
    readonly id: string,
    private readonly db: Db,
    private readonly limits: Limits,
    private readonly fanout: Fanout | null,
    /** A previous room of this document still writing its last updates. */
    previous: Promise<void>,
  ) {
    this.awareness.setLocalState(null);
    this.doc.on("update", (update: Uint8Array, origin: unknown) => this.onDocUpdate(update, origin));
    this.awareness.on("update", (changes: AwarenessChanges, origin: unknown) => this.onAwareness(changes, origin));
    this.ready = this.load(previous);
  }

  /** Subscribes to the other instances first, so nothing they store during the load is missed. */
  private async load(previous: Promise<void>) {
    await previous;
    await this.fanout?.join(this.id, this);
    const log = await loadLog(this.db, this.id);
    this.doc.transact(() => log.updates.forEach((u) => Y.applyUpdate(this.doc, u)), LOAD);
    this.logRows = log.rows;
    this.appendedBytes = log.bytes - (log.updates[0]?.byteLength ?? 0);
    this.docBytes = log.bytes;
  }

  /** The first messages of a connection, once the stored state is loaded. */
  greet(conn: Conn) {
    conn.send(syncStep1(this.doc));
    if (this.awareness.getStates().size > 0) {
      conn.send(awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()])));
    }
  }

  /** Handles one frame; a malformed or hostile one closes that connection only. */
  async receive(conn: Conn, data: Uint8Array) {
    // After a failed write this memory is ahead of the database: nothing more is answered from it.
    if (this.failed) return;
    try {
      const msg = readMessage(data);
      switch (msg.type) {
        case "step1":
          // Whatever we answer must already be stored: nobody receives an update the database lacks.
          await this.idle();
          conn.send(syncStep2(this.doc, msg.stateVector));
          return;
        case "update":
          return this.receiveUpdate(conn, msg.update);
        case "awareness":
          awarenessProtocol.applyAwarenessUpdate(this.awareness, msg.update, conn);
          return;
        case "queryAwareness":
          conn.send(awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()])));
          return;
        case "auth":
          return;
      }
    } catch (err) {
      conn.log("message invalide", err);
      conn.close(COLLAB_CLOSE.badMessage);
    }
  }

  private receiveUpdate(conn: Conn, update: Uint8Array) {
    if (conn.readOnly) {
      // Never applied, stored nor relayed; said once, and only when it would have changed something.
      if (!conn.toldReadOnly && carriesNewContent(this.doc, update)) {
        conn.toldReadOnly = true;
        conn.send(permissionDenied(COLLAB_READ_ONLY_REASON));
      }
      return;
    }
    if (this.docBytes + update.byteLength > this.limits.COLLAB_MAX_DOCUMENT_BYTES && carriesNewContent(this.doc, update)) {
      conn.close(COLLAB_CLOSE.tooLarge);
      return;
    }
    Y.applyUpdate(this.doc, update, conn);
  }

  private onDocUpdate(update: Uint8Array, origin: unknown) {
    if (origin === LOAD) return;
    this.docBytes += update.byteLength;
    if (origin === REMOTE) {
      this.broadcast(syncUpdate(update), null);
      return;
    }
    this.queue.push({ update, origin: origin as Conn });
    this.kick();
  }

  private kick() {
    if (this.writing || this.failed) return;
    this.writing = this.drain().finally(() => {
      this.writing = null;
      if (this.queue.length) this.kick();
    });
  }

  private async drain() {
    while (this.queue.length && !this.failed) {
      const batch = this.queue.splice(0);
      const merged = mergeInGroups(batch.map((b) => b.update));
      try {
        await appendUpdates(this.db, this.id, merged);
      } catch (err) {
        this.fail(err);
        return;
      }
      this.logRows += merged.length;
      this.appendedBytes += merged.reduce((n, u) => n + u.byteLength, 0);
      for (const b of batch) this.broadcast(syncUpdate(b.update), b.origin);
      // Versions: who wrote, and when to keep an automatic version.
      editsStored(this.db, this.id, batch.map((b) => b.origin.userId));
      for (const u of merged) this.fanout?.publish(this.id, "update", u);
      if (this.logRows > this.limits.COLLAB_COMPACT_ROWS || this.appendedBytes > this.limits.COLLAB_COMPACT_BYTES) {
        await this.compact();
      }
    }
  }

  /**
   * A failed write leaves this memory ahead of the database: every connection is closed with the
   * reason, the room is dropped, and the clients (who still hold their edits) resend on reconnect.
   */
  private fail(err: unknown) {
    this.failed = true;
    this.queue = [];
    console.error(`[collab] écriture impossible du document ${this.id} :`, err);
    for (const conn of this.conns) conn.close(COLLAB_CLOSE.storageFailed);
  }

  async compact() {
    try {
      const left = await compactLog(this.db, this.id);
      this.logRows = left.rows;
      this.appendedBytes = 0;
      this.docBytes = left.bytes;
    } catch (err) {
      // Nothing is lost (the log stays as it was); the next write tries again.
      console.error(`[collab] compaction impossible du document ${this.id} :`, err);
    }
  }

  /** Resolves once every accepted update is stored. */
  async idle() {
    while (this.writing) await this.writing;
  }

  /** A write failed: the room is closing and must not take new connections. */
  get broken() {
    return this.failed;
  }

  private broadcast(message: Uint8Array, except: Conn | null) {
    for (const conn of this.conns) if (conn !== except) conn.send(message);
  }

  private onAwareness({ added, updated, removed }: AwarenessChanges, origin: unknown) {
    const changed = [...added, ...updated, ...removed];
    if (origin && typeof origin === "object") {
      const conn = origin as Conn;
      added.forEach((id) => conn.awarenessIds.add(id));
      removed.forEach((id) => conn.awarenessIds.delete(id));
      if (conn.readOnly) return this.relayReaderAwareness(conn);
    }
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed);
    // Sent back to its sender too: the stock client counts it as a sign of life.
    this.broadcast(awarenessMessage(update), null);
    if (origin !== REMOTE) this.fanout?.publish(this.id, "awareness", update);
  }

  /** A reader's presence goes out at most every READER_AWARENESS_MS, latest state only. */
  private relayReaderAwareness(conn: Conn) {
    if (conn.awarenessTimer) return;
    const wait = Math.max(0, conn.lastAwarenessAt + READER_AWARENESS_MS - Date.now());
    conn.awarenessTimer = setTimeout(() => {
      conn.awarenessTimer = null;
      conn.lastAwarenessAt = Date.now();
      const ids = [...conn.awarenessIds].filter((id) => this.awareness.meta.has(id));
      if (ids.length === 0) return;
      const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids);
      this.broadcast(awarenessMessage(update), null);
      this.fanout?.publish(this.id, "awareness", update);
    }, wait);
  }

  /** What another instance sent. */
  applyRemote(kind: "update" | "awareness", payload: Uint8Array) {
    try {
      if (kind === "update") Y.applyUpdate(this.doc, payload, REMOTE);
      else awarenessProtocol.applyAwarenessUpdate(this.awareness, payload, REMOTE);
    } catch (err) {
      console.error(`[collab] message d'une autre instance illisible (document ${this.id}) :`, err);
    }
  }

  /** A connection leaves: its presence goes with it. */
  remove(conn: Conn) {
    if (!this.conns.delete(conn)) return;
    if (conn.awarenessTimer) clearTimeout(conn.awarenessTimer);
    if (conn.awarenessIds.size > 0 && !this.disposed) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...conn.awarenessIds], null);
    }
  }

  /** Stores what is pending, merges the log if it has grown, and lets go of the memory. */
  async dispose() {
    this.disposed = true;
    await this.idle();
    if (!this.failed && this.logRows > 1) await this.compact();
    await this.fanout?.leave(this.id);
    this.awareness.destroy();
    this.doc.destroy();
  }
}

interface AwarenessChanges {
  added: number[];
  updated: number[];
  removed: number[];
}
