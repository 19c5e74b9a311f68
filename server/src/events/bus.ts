/**
 * Events other parts of the server react to. Access changes (a member removed or downgraded,
 * an account deactivated, a space archived) must reach the open collaboration sockets on every
 * instance: the collab capability subscribes here and relays through Redis when REDIS_URL is set.
 */

export type AccessChange =
  | { kind: "user"; userId: string }
  /** A session of this user ended (logout): its sockets are closed as expired sessions. */
  | { kind: "session"; userId: string }
  | { kind: "membership"; userId: string; spaceId: string }
  | { kind: "space"; spaceId: string };

export interface Bus {
  /**
   * Resolves once every subscriber has applied the change (the sockets re-checked on every
   * instance): a route awaits it before answering, so that nothing done with the old right is
   * stored after its answer. A subscriber's failure is logged, never thrown at the route.
   */
  accessChanged(change: AccessChange): Promise<void>;
  onAccessChanged(fn: (change: AccessChange) => unknown): () => void;
}

export function createLocalBus(): Bus {
  const listeners = new Set<(change: AccessChange) => unknown>();
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
  };
}
