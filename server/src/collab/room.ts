/**
 * One open document on this instance: its Y.Doc and presence, the sockets editing it, and the
 * write queue. An accepted update is appended to the database, then sent to the others (and to
 * the other instances); updates that arrive while a write is under way go together in the next.
 */
import { COLLAB_CLOSE, COLLAB_READ_ONLY_REASON, type CollabClose } from "@atelier/shared";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import type { Config } from "../config.js";
import type { Services } from "../context.js";
import { compactLog, loadLog, mergeInGroups } from "../documents/content.js";
import { Conn } from "./conn.js";
import type { Fanout } from "./fanout.js";
import { collabCompactions, collabStoreBatch, collabStoreDuration, collabUpdatesReceived, collabUpdatesRelayed } from "../metrics/registry.js";
import { deepestLevel } from "./inspect.js";
import {
  awarenessMessage,
  carriesNewContent,
  encodePresence,
  permissionDenied,
  readPresence,
  readMessage,
  type PresenceEntry,
  syncStep1,
  syncStep2,
  syncUpdate,
} from "./protocol.js";
import { log } from "../logging/logger.js";

/** Origin of what other instances sent: applied and shown here, already stored by its sender. */
export const REMOTE = Symbol("remote");
const LOAD = Symbol("load");
/** A read-only connection's presence is relayed at most this often. */
const READER_AWARENESS_MS = 250;

type Limits = Pick<
  Config,
  "COLLAB_MAX_DOCUMENT_BYTES" | "COLLAB_COMPACT_ROWS" | "COLLAB_COMPACT_BYTES" | "COLLAB_MAX_DEPTH" | "COLLAB_MAX_AWARENESS_BYTES" | "COLLAB_MAX_MESSAGE_BYTES"
>;
/** Who a stored update is attributed to: a connection, a server-side edit (restore), or nobody. */
type Source = Conn | { userId: string } | null;
/** Where a not yet applicable update came from, to retry it with what that source sends next. */
type PendingSource = Conn | typeof REMOTE;
/** Presence ids one connection may speak for (a tab has one; its doc may pick a new one). */
const MAX_PRESENCE_IDS = 4;

export class Room {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly conns = new Set<Conn>();
  readonly ready: Promise<void>;
  private queue: { update: Uint8Array; source: Source }[] = [];
  /**
   * Updates with a missing dependency, kept out of the doc (which would serve them to joiners
   * though they are not stored) until their source sends what they lack, typically the sync
   * step 2 that follows a reconnection's first keystrokes.
   */
  private pending = new Map<PendingSource, Uint8Array>();
  /** Who speaks for each presence id: its user, and its connection while it is open on this instance. */
  private presenceOwners = new Map<number, { userId: string; conn: Conn | null }>();
  private writing: Promise<void> | null = null;
  private failed = false;
  private disposed = false;
  private docBytes = 0;
  private logRows = 0;
  /** Bytes appended since the log was last one merged row: a large document alone does not trigger compaction. */
  private appendedBytes = 0;

  constructor(
    readonly id: string,
    /** The database, and the documents' content through which every accepted update is stored. */
    private readonly s: Pick<Services, "db" | "content">,
    private readonly limits: Limits,
    private readonly fanout: Fanout | null,
    /** A previous room of this document still writing its last updates. */
    previous: Promise<void>,
    /** Called once when the room fails: the server lets it go so that the next connection reloads it. */
    private readonly onFailed: (room: Room) => void = () => {},
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
    const log = await loadLog(this.s.db, this.id);
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
    if (conn.hold) await conn.hold;
    if (Date.now() >= conn.sessionEndsAt) await conn.checkSession();
    // After a failure this memory may be ahead of the database: nothing more is answered from it.
    // A connection being closed (access removed, session ended) writes nothing more either.
    if (this.failed || conn.ended) return;
    let msg;
    try {
      msg = readMessage(data);
      if (msg.type === "step1") Y.decodeStateVector(msg.stateVector);
    } catch (err) {
      conn.log("message invalide", err);
      return conn.close(COLLAB_CLOSE.badMessage);
    }
    try {
      switch (msg.type) {
        case "step1":
          // Whatever we answer must already be stored: nobody receives an update the database lacks.
          await this.idle();
          conn.send(syncStep2(this.doc, msg.stateVector));
          return;
        case "update":
          return this.receiveUpdate(conn, msg.update);
        case "awareness":
          return this.receiveAwareness(conn, msg.update);
        case "queryAwareness":
          conn.send(awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()])));
          return;
        case "auth":
          return;
      }
    } catch (err) {
      // Reading was fine: what failed is this document's handling, which may be half done.
      this.fail(err, "traitement d'un message", COLLAB_CLOSE.documentFailed);
    }
  }

  private receiveUpdate(conn: Conn, update: Uint8Array) {
    collabUpdatesReceived.inc();
    let level: number;
    try {
      level = deepestLevel(this.doc, update, this.limits.COLLAB_MAX_DEPTH);
    } catch (err) {
      // Not a readable update: nothing of it was applied.
      conn.log("mise à jour illisible", err);
      return conn.close(COLLAB_CLOSE.badMessage);
    }
    if (conn.readOnly) {
      // Never applied, stored nor relayed; said once, and only when it would have changed something.
      if (!conn.toldReadOnly && carriesNewContent(this.doc, update)) {
        conn.toldReadOnly = true;
        conn.send(permissionDenied(COLLAB_READ_ONLY_REASON));
      }
      return;
    }
    if (level > this.limits.COLLAB_MAX_DEPTH) {
      conn.log("structure trop imbriquée", `plus de ${this.limits.COLLAB_MAX_DEPTH} niveaux`);
      return conn.close(COLLAB_CLOSE.tooDeep);
    }
    if (this.docBytes + update.byteLength > this.limits.COLLAB_MAX_DOCUMENT_BYTES && carriesNewContent(this.doc, update)) {
      conn.close(COLLAB_CLOSE.tooLarge);
      return;
    }
    this.apply(update, conn);
  }

  /** Applies an update from a source, with what that source left pending, and keeps the rest aside. */
  private apply(update: Uint8Array, source: PendingSource) {
    Y.applyUpdate(this.doc, update, source);
    const held = this.pending.get(source);
    if (held) {
      this.pending.delete(source);
      Y.applyUpdateV2(this.doc, held, source);
    }
    const store = this.doc.store;
    const parts = [store.pendingStructs?.update, store.pendingDs].filter((u): u is Uint8Array => !!u);
    if (parts.length === 0) return;
    store.pendingStructs = null;
    store.pendingDs = null;
    const rest = parts.length === 1 ? parts[0]! : Y.mergeUpdatesV2(parts);
    if (rest.byteLength > this.limits.COLLAB_MAX_MESSAGE_BYTES) {
      // Never completed: not kept without bound.
      if (source === REMOTE) log.error(`[collab] mises à jour d'une autre instance incomplètes abandonnées (document ${this.id})`);
      else source.close(COLLAB_CLOSE.badMessage);
      return;
    }
    this.pending.set(source, rest);
  }

  private onDocUpdate(update: Uint8Array, origin: unknown) {
    if (origin === LOAD) return;
    this.docBytes += update.byteLength;
    if (origin === REMOTE) {
      this.broadcast(syncUpdate(update), null);
      collabUpdatesRelayed.inc({ via: "socket" });
      return;
    }
    // Anything else is stored: a connection's update, a server-side edit ({ userId }), and Yjs's
    // own follow-ups such as the formatting cleanup after a remote update (origin null).
    const source = origin instanceof Object && typeof (origin as { userId?: unknown }).userId === "string" ? (origin as Source) : null;
    this.queue.push({ update, source });
    this.kick();
  }

  private kick() {
    if (this.writing || this.failed) return;
    this.writing = this.drain().finally(() => {
      this.writing = null;
      if (this.queue.length) this.kick();
    });
  }

  /**
   * Stores what was accepted, batch after batch, and relays each batch once stored. The next batch
   * is written while this one is sent out: with a large audience the sending takes as long as the
   * write, and doing one after the other would add them up on every update.
   */
  private async drain() {
    type Stored = Awaited<ReturnType<Room["store"]>>;
    let next: Promise<Stored> | null = this.store(this.queue.splice(0));
    while (next) {
      const stored = await next;
      if (!stored) return;
      next = this.queue.length && !this.failed ? this.store(this.queue.splice(0)) : null;
      try {
        for (const b of stored.batch) this.broadcast(syncUpdate(b.update), b.source instanceof Conn ? b.source : null);
        collabUpdatesRelayed.inc({ via: "socket" }, stored.batch.length);
        for (const u of stored.merged) this.fanout?.publish(this.id, "update", u);
        if (this.fanout) collabUpdatesRelayed.inc({ via: "redis" }, stored.merged.length);
      } catch (err) {
        await next;
        return this.fail(err, "relais", COLLAB_CLOSE.documentFailed);
      }
      if (this.logRows > this.limits.COLLAB_COMPACT_ROWS || this.appendedBytes > this.limits.COLLAB_COMPACT_BYTES) {
        await this.compact();
      }
    }
  }

  /** Appends one batch to the log; null when it failed (the room is then closed). */
  private async store(batch: Room["queue"]): Promise<{ batch: Room["queue"]; merged: Uint8Array[] } | null> {
    try {
      const merged = mergeInGroups(batch.map((b) => b.update));
      // Who wrote the batch goes with the "content stored" event (the versions' authorship).
      const authors = batch.flatMap((b) => (b.source ? [b.source.userId] : []));
      collabStoreBatch.observe(batch.length);
      const stored = collabStoreDuration.startTimer();
      await this.s.db.tx((q) => this.s.content.store(q, this.id, merged, authors));
      stored();
      this.logRows += merged.length;
      this.appendedBytes += merged.reduce((n, u) => n + u.byteLength, 0);
      return { batch, merged };
    } catch (err) {
      this.fail(err, "écriture", COLLAB_CLOSE.storageFailed);
      return null;
    }
  }

  /**
   * A failed apply, write or relay may leave this memory ahead of the database or of the clients:
   * every connection is closed with the reason, the room is let go at once (the next connection
   * reloads the document from the database), and the clients, who still hold their edits, resend
   * them on reconnecting.
   */
  fail(err: unknown, what: string, reason: CollabClose) {
    if (this.failed) return;
    this.failed = true;
    this.queue = [];
    this.pending.clear();
    log.error({ err }, `[collab] document ${this.id} fermé (${what})`);
    for (const conn of this.conns) conn.close(reason);
    this.onFailed(this);
  }

  async compact() {
    try {
      const left = await compactLog(this.s.db, this.id);
      this.logRows = left.rows;
      this.appendedBytes = 0;
      this.docBytes = left.bytes;
      collabCompactions.inc({ result: "ok" });
    } catch (err) {
      // Nothing is lost (the log stays as it was); the next write tries again.
      collabCompactions.inc({ result: "failed" });
      log.error({ err }, `[collab] compaction impossible du document ${this.id}`);
    }
  }

  /** Resolves once every accepted update is stored. */
  async idle() {
    while (this.writing) await this.writing;
  }

  private broadcast(message: Uint8Array, except: Conn | null) {
    for (const conn of this.conns) if (conn !== except) conn.send(message);
  }

  /**
   * A connection's presence speaks only for its own ids. The stock client also forwards everyone
   * else's presence as it received it: those entries (and a reader posing as an editor to hide
   * them) are dropped, and only its own are applied. An id is its own when it is new to the
   * document, or was that person's and comes with a newer clock (a new socket of the same tab).
   */
  private receiveAwareness(conn: Conn, update: Uint8Array) {
    if (update.byteLength > this.limits.COLLAB_MAX_AWARENESS_BYTES) {
      conn.log("présence trop volumineuse", `${update.byteLength} octets`);
      return conn.close(COLLAB_CLOSE.badMessage);
    }
    let entries: PresenceEntry[];
    try {
      entries = readPresence(update);
    } catch (err) {
      conn.log("présence illisible", err);
      return conn.close(COLLAB_CLOSE.badMessage);
    }
    const own = entries.filter((e) => this.speaksFor(conn.userId, e, conn));
    if (own.length === 0) return;
    awarenessProtocol.applyAwarenessUpdate(this.awareness, own.length === entries.length ? update : encodePresence(own), conn);
  }

  /** Whether `userId` (through `conn`, here; or another instance) may set this presence entry. */
  private speaksFor(userId: string | undefined, entry: PresenceEntry, conn: Conn | null) {
    const owner = this.presenceOwners.get(entry.clientId);
    if (owner) {
      if (owner.userId !== userId) return false;
      if (owner.conn === conn) return true;
      const clock = this.awareness.meta.get(entry.clientId)?.clock ?? -1;
      if (entry.clock <= clock) return false;
      owner.conn?.awarenessIds.delete(entry.clientId);
      owner.conn = conn;
      conn?.awarenessIds.add(entry.clientId);
      return true;
    }
    // Known but owned by nobody (sent by an instance that did not say whom for): left alone.
    if (!userId || this.awareness.meta.has(entry.clientId)) return false;
    if (conn && conn.awarenessIds.size >= MAX_PRESENCE_IDS) return false;
    this.presenceOwners.set(entry.clientId, { userId, conn });
    conn?.awarenessIds.add(entry.clientId);
    return true;
  }

  private onAwareness(changes: AwarenessChanges, origin: unknown) {
    // Also called from the awareness's own timer (origin "timeout"): nothing may escape.
    try {
      this.relayAwareness(changes, origin);
    } catch (err) {
      log.error({ err }, `[collab] présence non relayée (document ${this.id})`);
    }
  }

  private relayAwareness({ added, updated, removed }: AwarenessChanges, origin: unknown) {
    const changed = [...added, ...updated, ...removed];
    // A reader's presence is paced; its removal when it leaves goes at once.
    if (origin instanceof Conn && origin.readOnly && this.conns.has(origin)) return this.relayReaderAwareness(origin);
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed);
    // Sent back to its sender too: the stock client counts it as a sign of life.
    this.broadcast(awarenessMessage(update), null);
    if (origin !== REMOTE) this.fanout?.publish(this.id, "awareness", update, origin instanceof Conn ? origin.userId : undefined);
  }

  /** A reader's presence goes out at most every READER_AWARENESS_MS, latest state only. */
  private relayReaderAwareness(conn: Conn) {
    if (conn.awarenessTimer) return;
    const wait = Math.max(0, conn.lastAwarenessAt + READER_AWARENESS_MS - Date.now());
    conn.awarenessTimer = setTimeout(() => {
      conn.awarenessTimer = null;
      conn.lastAwarenessAt = Date.now();
      if (this.disposed) return;
      const ids = [...conn.awarenessIds].filter((id) => this.awareness.meta.has(id));
      if (ids.length === 0) return;
      const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids);
      this.broadcast(awarenessMessage(update), null);
      this.fanout?.publish(this.id, "awareness", update, conn.userId);
    }, wait);
  }

  /** What another instance sent (already checked there); presence comes with the user it speaks for. */
  applyRemote(kind: "update" | "awareness", payload: Uint8Array, userId?: string) {
    if (this.failed || this.disposed) return;
    if (kind === "update") {
      try {
        this.apply(payload, REMOTE);
      } catch (err) {
        this.fail(err, "mise à jour d'une autre instance", COLLAB_CLOSE.documentFailed);
      }
      return;
    }
    try {
      const entries = readPresence(payload);
      const own = entries.filter((e) => this.speaksFor(userId, e, null));
      if (own.length === 0) return;
      awarenessProtocol.applyAwarenessUpdate(this.awareness, own.length === entries.length ? payload : encodePresence(own), REMOTE);
    } catch (err) {
      log.error({ err }, `[collab] présence d'une autre instance illisible (document ${this.id})`);
    }
  }

  /**
   * What the other instances stored while Redis could not relay it, read back from the database:
   * applied as theirs (already stored), so that this instance's clients receive what they missed.
   */
  async catchUp() {
    if (this.failed || this.disposed) return;
    await this.ready;
    const stored = await loadLog(this.s.db, this.id);
    if (stored.updates.length === 0) return;
    this.applyRemote("update", Y.diffUpdate(Y.mergeUpdates(stored.updates), Y.encodeStateVector(this.doc)));
  }

  /** A connection leaves: its presence goes with it. */
  remove(conn: Conn) {
    if (!this.conns.delete(conn)) return;
    this.pending.delete(conn);
    // Its ids stay that person's: a new socket of theirs takes them back.
    for (const id of conn.awarenessIds) {
      const owner = this.presenceOwners.get(id);
      if (owner?.conn === conn) owner.conn = null;
    }
    if (conn.awarenessTimer) clearTimeout(conn.awarenessTimer);
    if (conn.awarenessIds.size > 0 && !this.disposed) {
      // Its origin says whom the removal speaks for, to the other instances.
      awarenessProtocol.removeAwarenessStates(this.awareness, [...conn.awarenessIds], conn);
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
