/**
 * Automatic versions and authorship, fed by the bus's `documentContentStored` each time people's
 * edits are stored (subscribeVersionTracker, wired in server.ts). One tracker per running instance.
 *
 * A version is made after a pause in editing (VERSION_AUTO_PAUSE_MS without a stored update) and
 * at least every VERSION_AUTO_EVERY_MS while people keep writing. A version identical to the
 * latest one is not made (two instances behind Redis both see the pause: one version results).
 */
import type { Config } from "../config.js";
import type { Services } from "../context.js";
import type { Db } from "../db/index.js";
import { settleAuthorsWith } from "./pending-authors.js";
import { noteAuthors } from "./queries.js";
import { snapshotIfChanged } from "./service.js";
import { log } from "../logging/logger.js";

type Timings = Pick<Config, "VERSION_AUTO_PAUSE_MS" | "VERSION_AUTO_EVERY_MS">;

interface DocState {
  /** Authors not yet written, and the write under way. */
  pending: Set<string>;
  writing: Promise<void> | null;
  pause: NodeJS.Timeout | null;
  /** When the first edit not yet in a version was stored. */
  since: number | null;
  /** When each author was last written, to write them at most every NOTE_EVERY_MS while typing. */
  notedAt: Map<string, number>;
}

/**
 * Writing the authors after every stored batch would double the database writes while people
 * type; a note per author every few seconds is enough to date their edits.
 */
const NOTE_EVERY_MS = 15_000;

export class VersionTracker {
  private readonly docs = new Map<string, DocState>();
  private readonly running = new Set<Promise<unknown>>();
  private closed = false;

  constructor(
    private readonly db: Db,
    private readonly timings: Timings,
  ) {}

  /** These people's edits to the document were just stored. */
  stored(documentId: string, userIds: string[]) {
    if (this.closed) return;
    const st = this.state(documentId);
    const now = Date.now();
    for (const id of userIds) {
      if (now - (st.notedAt.get(id) ?? 0) < NOTE_EVERY_MS) continue;
      st.notedAt.set(id, now);
      st.pending.add(id);
    }
    this.writeAuthors(documentId, st);
    st.since ??= now;
    if (st.pause) clearTimeout(st.pause);
    if (now - st.since >= this.timings.VERSION_AUTO_EVERY_MS) {
      this.snapshot(documentId);
      return;
    }
    st.pause = setTimeout(() => this.snapshot(documentId), this.timings.VERSION_AUTO_PAUSE_MS);
    st.pause.unref();
  }

  /** Resolves once the authors of what was stored so far are written. */
  async settled(documentId: string) {
    const st = this.docs.get(documentId);
    while (st?.writing) await st.writing;
  }

  private state(documentId: string): DocState {
    let st = this.docs.get(documentId);
    if (!st) this.docs.set(documentId, (st = { pending: new Set(), writing: null, pause: null, since: null, notedAt: new Map() }));
    return st;
  }

  private writeAuthors(documentId: string, st: DocState) {
    if (st.writing || st.pending.size === 0) return;
    const ids = [...st.pending];
    st.pending.clear();
    st.writing = this.track(
      noteAuthors(this.db, documentId, ids).catch((err) => {
        log.error({ err }, `[versions] auteurs du document ${documentId} non enregistrés`);
      }),
    ).finally(() => {
      st.writing = null;
      this.writeAuthors(documentId, st);
    });
  }

  private snapshot(documentId: string) {
    const st = this.docs.get(documentId);
    if (!st || this.closed) return;
    if (st.pause) clearTimeout(st.pause);
    st.pause = null;
    st.since = null;
    // Whoever writes after this version is written again, to be among the next version's authors.
    st.notedAt.clear();
    this.track(
      this.autoVersion(documentId).catch((err) => {
        log.error({ err }, `[versions] version automatique du document ${documentId} impossible`);
      }),
    );
    if (!st.writing && st.pending.size === 0) this.docs.delete(documentId);
  }

  private async autoVersion(documentId: string) {
    await this.settled(documentId);
    await snapshotIfChanged(this.db, { documentId, name: null, authorId: null, kind: "auto" });
  }

  /**
   * At start: documents edited since their latest version whose pause timer died with the
   * previous process get their version now (or when their pause ends).
   */
  async recover() {
    const rows = await this.db.query<{ document_id: string; idle_ms: number }>(
      `SELECT a.document_id, (extract(epoch FROM now() - max(a.last_edit_at)) * 1000)::float8 AS idle_ms
         FROM document_authors a
        GROUP BY a.document_id
       HAVING max(a.last_edit_at) > COALESCE(
         (SELECT max(v.created_at) FROM document_versions v WHERE v.document_id = a.document_id), '-infinity')`,
    );
    for (const r of rows) {
      const st = this.state(r.document_id);
      if (st.pause || this.closed) continue;
      st.since ??= Date.now();
      st.pause = setTimeout(() => this.snapshot(r.document_id), Math.max(0, this.timings.VERSION_AUTO_PAUSE_MS - r.idle_ms));
      st.pause.unref();
    }
  }

  private track<T>(p: Promise<T>): Promise<T> {
    this.running.add(p);
    void p.finally(() => this.running.delete(p));
    return p;
  }

  /** Stops the timers and waits for what is being written. */
  async close() {
    this.closed = true;
    for (const st of this.docs.values()) if (st.pause) clearTimeout(st.pause);
    while (this.running.size) await Promise.all([...this.running]);
  }
}

/**
 * Starts the instance's tracker and feeds it the edits people make (content stored with its
 * authors; a new document's template has none and makes no version). Returns how to stop it.
 */
export function subscribeVersionTracker(s: Pick<Services, "db" | "config" | "bus">) {
  const tracker = new VersionTracker(s.db, s.config);
  const unsettle = settleAuthorsWith(s.db, (documentId) => tracker.settled(documentId));
  const unsubscribe = s.bus.on("documentContentStored", async (_q, e) => {
    if (e.authors) tracker.stored(e.documentId, e.authors);
  });
  void tracker.recover().catch((err) => log.error({ err }, "[versions] reprise des versions automatiques impossible"));
  return {
    async close() {
      unsubscribe();
      unsettle();
      await tracker.close();
    },
  };
}
