/**
 * Chaos, for CHAOS_MINUTES (10 by default): 30 stock y-websocket clients type into one document
 * through nginx over two instances, while instances are killed (SIGKILL) and started again, Redis
 * and PostgreSQL are restarted, and client links are cut (TCP destroyed) or taken offline for a
 * while. At the end every client, the server and the database hold the same document, and it holds
 * every paragraph any client wrote or ever received.
 */
import { expect, it } from "vitest";
import { fragmentText } from "@atelier/server/src/collab/test-helpers.js";
import { converged, newDocument, reportOnFailure, servedText, signIn, storedText, topologyForFile, typist, until, type Typist } from "./helpers.js";

const MINUTES = Number(process.env.CHAOS_MINUTES ?? 10);
const CLIENTS = 30;
/** Each client writes a paragraph this often. */
const TYPING_MS = 2000;

const topology = await topologyForFile();
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const between = (min: number, max: number) => min + Math.floor(Math.random() * (max - min));
const pick = <T,>(items: T[]) => items[Math.floor(Math.random() * items.length)]!;

it(`keeps every update through ${MINUTES} minutes of kills, restarts and cut links`, { timeout: (MINUTES * 60 + 300) * 1000 }, async () => {
  reportOnFailure(topology);
  const members = await Promise.all(["membre.grand-sud@atelier.test", "pilote.grand-sud@atelier.test"].map((e) => signIn(topology, e)));
  const id = await newDocument(members[0]!, "Document du test de chaos");
  const typists = Array.from({ length: CLIENTS }, (_, i) => typist(topology, members[i % 2]!, id, i));
  await until("clients connectés", () => typists.every((t) => t.peer.provider.synced), 60_000);
  const typing = typists.map((t) => {
    const timer = setInterval(() => t.type(), TYPING_MS);
    return () => clearInterval(timer);
  });

  const counts = { kills: 0, instanceStarts: 0, redisRestarts: 0, postgresRestarts: 0, cuts: 0, offline: 0 };
  const offline: Promise<void>[] = [];
  const events: (() => Promise<void>)[] = [
    // An instance dies; its clients go to the other one; it comes back a few seconds later.
    async () => {
      const victim = pick(topology.instances);
      await victim.kill();
      counts.kills++;
      await pause(between(1000, 6000));
      await victim.start();
      counts.instanceStarts++;
    },
    async () => {
      await topology.redis.stop();
      await pause(between(500, 3000));
      await topology.redis.start();
      counts.redisRestarts++;
    },
    // A few clients' links cut at once, without a closing handshake.
    async () => {
      for (let i = 0; i < 3; i++) pick(typists).cut();
      counts.cuts += 3;
    },
    // A client goes offline and keeps typing, then comes back.
    async () => {
      const t: Typist = pick(typists.filter((x) => x.peer.provider.shouldConnect));
      if (!t) return;
      t.peer.provider.disconnect();
      counts.offline++;
      offline.push(pause(between(2000, 8000)).then(() => t.peer.provider.connect()));
    },
  ];
  // One event in ten: PostgreSQL restarted (writes wait, clients reconnect, nothing accepted is lost).
  const restartPostgres = async () => {
    await topology.postgres.stop();
    await pause(between(500, 2000));
    await topology.postgres.start();
    counts.postgresRestarts++;
  };

  const deadline = Date.now() + MINUTES * 60_000;
  try {
    for (let n = 1; Date.now() < deadline; n++) {
      await pause(between(2000, 8000));
      await (n % 10 === 3 ? restartPostgres() : pick(events)());
    }
  } finally {
    typing.forEach((stop) => stop());
    await Promise.all(offline);
  }

  const expected = await converged(typists, 120_000);
  const written = typists.reduce((n, t) => n + t.written.size, 0);
  // Nothing written anywhere was lost: the union of what was written and what was seen is what every client holds.
  expect(expected.size).toBe(written);
  const text = fragmentText(typists[0]!.peer.doc);
  await until("état stocké", async () => (await storedText(topology, id)) === text, 30_000);
  expect(await servedText(topology, members[0]!, id)).toBe(text);
  const reconnections = typists.reduce((n, t) => n + t.offlineSpans().length - 1, 0);
  const longest = Math.max(...typists.flatMap((t) => t.offlineSpans()));
  console.info(
    `chaos (${MINUTES} min) : ${written} paragraphes ; ${counts.kills} SIGKILL d'instance, ${counts.instanceStarts} redémarrages d'instance, ` +
      `${counts.redisRestarts} redémarrages de Redis, ${counts.postgresRestarts} de PostgreSQL, ${counts.cuts} liens coupés, ` +
      `${counts.offline} passages hors ligne ; ${reconnections} reconnexions, la plus longue ${longest} ms`,
  );
  typists.forEach((t) => t.destroy());
});
