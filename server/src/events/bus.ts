/**
 * Events other parts of the server react to. Access changes (a member removed or downgraded,
 * an account deactivated, a space archived) must reach the open collaboration sockets on every
 * instance: the collab capability subscribes here and relays through Redis when REDIS_URL is set.
 */
import { EventEmitter } from "node:events";

export type AccessChange =
  | { kind: "user"; userId: string }
  | { kind: "membership"; userId: string; spaceId: string }
  | { kind: "space"; spaceId: string };

export interface Bus {
  accessChanged(change: AccessChange): void;
  onAccessChanged(fn: (change: AccessChange) => void): () => void;
}

export function createLocalBus(): Bus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    accessChanged: (change) => emitter.emit("access", change),
    onAccessChanged(fn) {
      emitter.on("access", fn);
      return () => emitter.off("access", fn);
    },
  };
}
