/**
 * Between instances, through Redis pub/sub (REDIS_URL): a channel per open document carries the
 * updates its instance stored and the presence it received; one channel carries access changes.
 * Each instance ignores its own messages, and stores only what its own clients sent.
 */
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import type { AccessChange } from "../events/bus.js";

const DOC_PREFIX = "atelier:collab:doc:";
const ACCESS_CHANNEL = "atelier:collab:access";
const KINDS = ["update", "awareness"] as const;
type Kind = (typeof KINDS)[number];

export interface FanoutRoom {
  applyRemote(kind: Kind, payload: Uint8Array): void;
}

export interface Fanout {
  join(documentId: string, room: FanoutRoom): Promise<void>;
  leave(documentId: string): Promise<void>;
  publish(documentId: string, kind: Kind, payload: Uint8Array): void;
  publishAccess(change: AccessChange): void;
  close(): Promise<void>;
}

export async function createRedisFanout(url: string, onAccess: (change: AccessChange) => void): Promise<Fanout> {
  const instance = randomUUID();
  const pub = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });
  const sub = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });
  for (const [name, client] of [["publication", pub], ["abonnement", sub]] as const) {
    client.on("error", (err) => console.error(`[collab] Redis (${name}) :`, err.message));
  }
  await Promise.all([pub.connect(), sub.connect()]);
  const rooms = new Map<string, FanoutRoom>();

  sub.on("messageBuffer", (channelBuf: Buffer, message: Buffer) => {
    const channel = channelBuf.toString();
    try {
      if (channel === ACCESS_CHANNEL) {
        const { from, change } = JSON.parse(message.toString()) as { from: string; change: AccessChange };
        if (from !== instance) onAccess(change);
        return;
      }
      const room = rooms.get(channel.slice(DOC_PREFIX.length));
      if (!room) return;
      const d = decoding.createDecoder(message);
      if (decoding.readVarString(d) === instance) return;
      const kind = KINDS[decoding.readVarUint(d)];
      if (kind) room.applyRemote(kind, decoding.readVarUint8Array(d));
    } catch (err) {
      console.error(`[collab] message Redis illisible sur ${channel} :`, err);
    }
  });
  await sub.subscribe(ACCESS_CHANNEL);

  const report = (what: string) => (err: Error) => console.error(`[collab] Redis : ${what} impossible :`, err.message);
  return {
    async join(documentId, room) {
      rooms.set(documentId, room);
      await sub.subscribe(DOC_PREFIX + documentId);
    },
    async leave(documentId) {
      rooms.delete(documentId);
      await sub.unsubscribe(DOC_PREFIX + documentId).catch(report("désabonnement"));
    },
    publish(documentId, kind, payload) {
      const e = encoding.createEncoder();
      encoding.writeVarString(e, instance);
      encoding.writeVarUint(e, KINDS.indexOf(kind));
      encoding.writeVarUint8Array(e, payload);
      pub.publish(DOC_PREFIX + documentId, Buffer.from(encoding.toUint8Array(e))).catch(report("publication"));
    },
    publishAccess(change) {
      pub.publish(ACCESS_CHANNEL, JSON.stringify({ from: instance, change })).catch(report("publication"));
    },
    async close() {
      await Promise.all([pub.quit(), sub.quit()]);
    },
  };
}
