/**
 * Events other parts of the server react to. Access changes (a member removed or downgraded,
 * an account deactivated, a space archived) must reach the open collaboration sockets on every
 * instance: the collab capability subscribes here and relays through Redis when REDIS_URL is set.
 * Access requests and their answers reach the notifications capability, on the instance that took them.
 */
import { EventEmitter } from "node:events";
import type { Queryable } from "../db/index.js";

export type AccessChange =
  | { kind: "user"; userId: string }
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
  accessChanged(change: AccessChange): void;
  onAccessChanged(fn: (change: AccessChange) => void): () => void;
  /**
   * Told inside the transaction of the request or its answer, and awaited: what listeners
   * write (the bell's entries) is committed with the act or not at all.
   */
  accessRequest(q: Queryable, event: AccessRequestEvent): Promise<void>;
  onAccessRequest(fn: AccessRequestHandler): () => void;
}

export function createLocalBus(): Bus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  const requestHandlers = new Set<AccessRequestHandler>();
  return {
    async accessRequest(q, event) {
      for (const fn of requestHandlers) await fn(q, event);
    },
    onAccessRequest(fn) {
      requestHandlers.add(fn);
      return () => requestHandlers.delete(fn);
    },
    accessChanged: (change) => emitter.emit("access", change),
    onAccessChanged(fn) {
      emitter.on("access", fn);
      return () => emitter.off("access", fn);
    },
  };
}
