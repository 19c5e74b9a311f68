/**
 * Events other parts of the server react to. Access changes (a member removed or downgraded,
 * an account deactivated, a space archived) must reach the open collaboration sockets on every
 * instance: the collab capability subscribes here and relays through Redis when REDIS_URL is set.
 * Access requests and their answers reach the notifications capability, on the instance that took them.
 */
import type { Queryable } from "../db/index.js";

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

type AccessRequestHandler = (q: Queryable, event: AccessRequestEvent) => Promise<void>;

export interface Bus {
  /**
   * Resolves once every subscriber has applied the change (the sockets re-checked on every
   * instance): a route awaits it before answering, so that nothing done with the old right is
   * stored after its answer. A subscriber's failure is logged, never thrown at the route.
   */
  accessChanged(change: AccessChange): Promise<void>;
  onAccessChanged(fn: (change: AccessChange) => unknown): () => void;
  /**
   * Told inside the transaction of the request or its answer, and awaited: what listeners
   * write (the bell's entries) is committed with the act or not at all.
   */
  accessRequest(q: Queryable, event: AccessRequestEvent): Promise<void>;
  onAccessRequest(fn: AccessRequestHandler): () => void;
}

export function createLocalBus(): Bus {
  const listeners = new Set<(change: AccessChange) => unknown>();
  const requestHandlers = new Set<AccessRequestHandler>();
  return {
    async accessChanged(change) {
      await Promise.all(
        [...listeners].map(async (fn) => {
          try {
            await fn(change);
          } catch (err) {
            console.error(`[bus] changement d'accès ${JSON.stringify(change)} non appliqué :`, err);
          }
        }),
      );
    },
    onAccessChanged(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    async accessRequest(q, event) {
      for (const fn of requestHandlers) await fn(q, event);
    },
    onAccessRequest(fn) {
      requestHandlers.add(fn);
      return () => requestHandlers.delete(fn);
    },
  };
}
