/**
 * Between instances, through Redis pub/sub (REDIS_URL): a channel per open document carries the
 * updates its instance stored and the presence it received; one channel carries access changes.
 * Each instance ignores its own messages, and stores only what its own clients sent. An access
 * change is acknowledged by each instance once its sockets are re-checked, on a reply channel of
 * the sender's: the sender waits for as many acknowledgements as Redis counted other receivers.
 */
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import type { AccessChange } from "../events/bus.js";
import { log } from "../logging/logger.js";
import { fanoutLag, redisConnected } from "../metrics/registry.js";

const DOC_PREFIX = "atelier:collab:doc:";
const ACCESS_CHANNEL = "atelier:collab:access";
const ACK_PREFIX = "atelier:collab:access-ack:";
/** An instance that does not acknowledge within this delay is not waited for any longer (logged). */
const ACK_TIMEOUT_MS = 5000;
/** After Redis comes back, the second read-back: by then every instance has reconnected (ioredis retries within 2 s). */
const CATCH_UP_AGAIN_MS = 5000;
const KINDS = ["update", "awareness"] as const;
type Kind = (typeof KINDS)[number];

export interface FanoutRoom {
  applyRemote(kind: Kind, payload: Uint8Array, userId?: string): void;
  /** Reads back from the database what other instances stored while Redis was unreachable. */
  catchUp(): Promise<void>;
}

export interface Fanout {
  join(documentId: string, room: FanoutRoom): Promise<void>;
  leave(documentId: string): Promise<void>;
  /** `userId`: for presence, whom it speaks for. */
  publish(documentId: string, kind: Kind, payload: Uint8Array, userId?: string): void;
  /** Resolves once the other instances have re-checked their sockets (or after ACK_TIMEOUT_MS). */
  publishAccess(change: AccessChange): Promise<void>;
  close(): Promise<void>;
}

export async function createRedisFanout(url: string, onAccess: (change: AccessChange) => Promise<void>): Promise<Fanout> {
  const instance = randomUUID();
  const pub = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });
  const sub = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });
  for (const [name, client] of [["publication", pub], ["abonnement", sub]] as const) {
    client.on("error", (err) => log.error({ err }, `[collab] Redis (${name})`));
  }
  await Promise.all([pub.connect(), sub.connect()]);
  redisConnected.set(1);
  sub.on("close", () => redisConnected.set(0));
  const rooms = new Map<string, FanoutRoom>();
  // Messages published while this subscription was down are lost (pub/sub keeps nothing), and so are
  // the other instances' publications that failed meanwhile: once subscribed again, each open
  // document reads back what was stored, then once more when the others have surely reconnected too.
  const catchUp = () => {
    for (const [id, room] of rooms) void room.catchUp().catch((err: Error) => log.error({ err, documentId: id }, "[collab] rattrapage après coupure Redis impossible"));
  };
  let catchUpTimer: NodeJS.Timeout | undefined;
  sub.on("ready", () => {
    redisConnected.set(1);
    log.warn("[collab] Redis : abonnement rétabli, rattrapage des documents ouverts");
    catchUp();
    clearTimeout(catchUpTimer);
    catchUpTimer = setTimeout(catchUp, CATCH_UP_AGAIN_MS);
  });
  /** Access changes this instance published, waiting for the others' acknowledgements. */
  const awaited = new Map<string, { received: number; expected: number | null; done: () => void }>();
  const report = (what: string) => (err: Error) => log.error({ err }, `[collab] Redis : ${what} impossible`);

  sub.on("messageBuffer", (channelBuf: Buffer, message: Buffer) => {
    const channel = channelBuf.toString();
    try {
      if (channel === ACCESS_CHANNEL) {
        const { from, id, change } = JSON.parse(message.toString()) as { from: string; id: string; change: AccessChange };
        if (from === instance) return;
        void onAccess(change)
          .catch((err: Error) => log.error({ err }, "[collab] changement d'accès d'une autre instance non appliqué"))
          .then(() => pub.publish(ACK_PREFIX + from, id))
          .catch(report("accusé de réception"));
        return;
      }
      if (channel === ACK_PREFIX + instance) {
        const wait = awaited.get(message.toString());
        if (!wait) return;
        wait.received++;
        if (wait.expected !== null && wait.received >= wait.expected) wait.done();
        return;
      }
      const room = rooms.get(channel.slice(DOC_PREFIX.length));
      if (!room) return;
      const d = decoding.createDecoder(message);
      if (decoding.readVarString(d) === instance) return;
      const kind = KINDS[decoding.readVarUint(d)];
      const payload = decoding.readVarUint8Array(d);
      // Then who it speaks for ("" for an update) and when it was sent: instances of an earlier
      // version send neither, and ignore what follows the payload.
      const userId = decoding.hasContent(d) ? decoding.readVarString(d) || undefined : undefined;
      if (decoding.hasContent(d)) fanoutLag.observe(Math.max(0, Date.now() - decoding.readVarUint(d)) / 1000);
      if (kind) room.applyRemote(kind, payload, userId);
    } catch (err) {
      log.error({ err }, `[collab] message Redis illisible sur ${channel}`);
    }
  });
  await sub.subscribe(ACCESS_CHANNEL, ACK_PREFIX + instance);
  return {
    async join(documentId, room) {
      rooms.set(documentId, room);
      await sub.subscribe(DOC_PREFIX + documentId);
    },
    async leave(documentId) {
      rooms.delete(documentId);
      await sub.unsubscribe(DOC_PREFIX + documentId).catch(report("désabonnement"));
    },
    publish(documentId, kind, payload, userId) {
      const e = encoding.createEncoder();
      encoding.writeVarString(e, instance);
      encoding.writeVarUint(e, KINDS.indexOf(kind));
      encoding.writeVarUint8Array(e, payload);
      encoding.writeVarString(e, userId ?? "");
      encoding.writeVarUint(e, Date.now());
      pub.publish(DOC_PREFIX + documentId, Buffer.from(encoding.toUint8Array(e))).catch(report("publication"));
    },
    async publishAccess(change) {
      const id = randomUUID();
      let timer: NodeJS.Timeout | undefined;
      const acknowledged = new Promise<void>((resolve) => {
        awaited.set(id, { received: 0, expected: null, done: resolve });
        timer = setTimeout(() => {
          log.error("[collab] Redis : une autre instance n'a pas confirmé un changement d'accès à temps");
          resolve();
        }, ACK_TIMEOUT_MS);
      });
      try {
        // Redis counts the subscribers it delivered to, this instance's own among them.
        const receivers = await pub.publish(ACCESS_CHANNEL, JSON.stringify({ from: instance, id, change }));
        const wait = awaited.get(id)!;
        // Acknowledgements may arrive before the count does.
        wait.expected = receivers - 1;
        if (wait.received >= wait.expected) wait.done();
        await acknowledged;
      } catch (err) {
        report("publication")(err as Error);
      } finally {
        clearTimeout(timer);
        awaited.delete(id);
      }
    },
    async close() {
      clearTimeout(catchUpTimer);
      await Promise.all([pub.quit(), sub.quit()]);
    },
  };
}
