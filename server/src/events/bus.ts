/**
 * Events other parts of the server react to, so that no capability calls another's internals.
 * - Access changes (a member removed or downgraded, an account deactivated, a space archived) must
 *   reach the open collaboration sockets on every instance: the collab capability subscribes here
 *   and relays through Redis when REDIS_URL is set.
 * - Domain events (`Events`: an access request, a document's content stored…) are told inside the
 *   transaction that made them, on the instance that made them, and awaited: what a listener writes
 *   (the bell's entries, a search indexing task) is committed with the act or not at all (save
 *   where an event says otherwise).
 */
import type { Queryable } from "../db/index.js";
import { log } from "../logging/logger.js";

export type AccessChange =
  | { kind: "user"; userId: string }
  /** A session of this user ended (logout): its sockets are closed as expired sessions. */
  | { kind: "session"; userId: string }
  | { kind: "membership"; userId: string; spaceId: string }
  | { kind: "space"; spaceId: string };

/** A request for access was made or answered ("Demander l'accès"). */
export type AccessRequestEvent =
  | {
      kind: "requested";
      requestId: string;
      space: { id: string; name: string };
      requester: { id: string; name: string };
      /** Who decides it: the space's pilotes, or the admins when it has none. */
      deciders: string[];
    }
  | {
      kind: "decided";
      requestId: string;
      space: { id: string; name: string };
      requesterId: string;
      decision: "granted" | "declined";
    };

/** Every domain event by name, with what it carries. A capability adds its own here. */
export interface Events {
  accessRequest: AccessRequestEvent;
  /**
   * New content of a document was stored (documents/content.ts): a batch of edits through the
   * socket, a restore, a new document's template, an import. `authors`: who wrote it, when people
   * did (absent for a template or an import): the versions' authorship counts them.
   */
  documentContentStored: { documentId: string; authors?: string[] };
  /** A document was created, or its title, kind, themes, status, space or trash state changed, or it was deleted. */
  documentChanged: { documentId: string };
  /** A library file was stored (or a new version of it), changed, trashed, restored or deleted. */
  fileChanged: { fileId: string };
  /**
   * A file imported as a new document held comments (Word's, LibreOffice's): the comments capability
   * opens a thread on each passage (`from`, `to`: encoded Yjs relative positions of the document's
   * first content), in the name of the person who imported it, the comment's author given in `body`.
   */
  documentCommentsImported: { documentId: string; userId: string; threads: Array<{ from: string; to: string; quote: string; body: string }> };
  /** A comment thread was opened, answered, edited, resolved, reopened or deleted. */
  commentThreadChanged: { threadId: string };
  /**
   * A respondent withdrew their questionnaire answer: the documents that quote it (`documentIds`, the
   * synthèses made from it) must no longer show its texts (`quotes`, its answers and comment as given).
   * Told before the answer is deleted and outside any transaction: the documents change through their
   * open copies, which store in transactions of their own, and a failure leaves the answer, and its
   * link, for another try.
   */
  questionnaireAnswerWithdrawn: { answerId: string; documentIds: string[]; quotes: string[] };
}

type Handler<K extends keyof Events> = (q: Queryable, event: Events[K]) => Promise<void>;

export interface Bus {
  /**
   * Resolves once every subscriber has applied the change (the sockets re-checked on every
   * instance): a route awaits it before answering, so that nothing done with the old right is
   * stored after its answer. A subscriber's failure is logged, never thrown at the route.
   */
  accessChanged(change: AccessChange): Promise<void>;
  onAccessChanged(fn: (change: AccessChange) => unknown): () => void;
  /** Tells a domain event inside the transaction `q`; a listener's failure fails the act. */
  emit<K extends keyof Events>(q: Queryable, name: K, event: Events[K]): Promise<void>;
  on<K extends keyof Events>(name: K, fn: Handler<K>): () => void;
}

export function createLocalBus(): Bus {
  const listeners = new Set<(change: AccessChange) => unknown>();
  const handlers = new Map<keyof Events, Set<Handler<never>>>();
  return {
    async accessChanged(change) {
      await Promise.all(
        [...listeners].map(async (fn) => {
          try {
            await fn(change);
          } catch (err) {
            log.error({ err }, `[bus] changement d'accès ${JSON.stringify(change)} non appliqué`);
          }
        }),
      );
    },
    onAccessChanged(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    async emit(q, name, event) {
      // One after the other: listeners share the transaction's connection.
      for (const fn of handlers.get(name) ?? []) await (fn as Handler<typeof name>)(q, event);
    },
    on(name, fn) {
      const set = handlers.get(name) ?? new Set();
      handlers.set(name, set);
      set.add(fn as Handler<never>);
      return () => set.delete(fn as Handler<never>);
    },
  };
}
