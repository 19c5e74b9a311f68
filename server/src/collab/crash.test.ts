/**
 * Killed with SIGKILL while twenty documents are typed at once, the server loses nothing any
 * client had received, and its restart duplicates nothing.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, inject, it } from "vitest";
import * as Y from "yjs";
import { freshDb } from "../../test/db.js";
import { openPGlite } from "../db/pglite.js";
import { spawnServer, type Spawned } from "./spawn.js";
import { connect, synced, until, type Peer } from "./test-helpers.js";

const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const fn of cleanup.reverse()) await fn();
});

/** Where both lives of the server keep their data: the test's PostgreSQL database, or a PGlite folder. */
async function storage(): Promise<Record<string, string>> {
  const spec = inject("testDb");
  if (spec.kind === "postgres") {
    const { url, drop } = await freshDb();
    cleanup.push(drop);
    return { DATABASE_URL: url!, SEED_DEMO: "false" };
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), "atelier-crash-"));
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  // The harness's migrated and seeded database, unpacked where the server looks for it.
  const db = await openPGlite({ dataDir: path.join(dir, "pglite"), loadDataDir: new Blob([await readFile(spec.dump)]) });
  await db.close();
  return { DATA_DIR: dir, SEED_DEMO: "false" };
}

const DOCUMENTS = 20;

it(`keeps every update a client had received across a SIGKILL, without duplicates, on ${DOCUMENTS} documents typed at once`, async () => {
  const env = await storage();
  const first: Spawned = await spawnServer(env);
  cleanup.push(() => first.kill("SIGKILL"));
  const membre = await first.as("membre.grand-sud@atelier.test");
  const spaces = await membre.get("/api/spaces");
  const grandSud = spaces.body.spaces.find((s: { slug: string }) => s.slug === "grand-sud").id;
  const ids: string[] = [];
  for (let d = 0; d < DOCUMENTS; d++) ids.push((await membre.post(`/api/spaces/${grandSud}/documents`, { title: `Crash ${d}`, kind: "livrable" })).body.document.id);

  const peers: Peer[] = [];
  cleanup.push(async () => peers.forEach((p) => p.destroy()));
  const open = (id: string) => {
    const p = connect(first.url, membre, id);
    peers.push(p);
    return p;
  };
  // On each document two typists, and a witness that only receives.
  const rooms = ids.map((id) => ({ id, typists: [open(id), open(id)], witness: open(id) }));
  await Promise.all(rooms.flatMap((r) => [...r.typists, r.witness]).map(synced));

  let typing = true;
  const typed = rooms.flatMap((r) =>
    r.typists.map(async (p, n) => {
      for (let i = 0; typing; i++) {
        const text = p.doc.getText("t");
        text.insert(text.length, `[${n}:${i}]`);
        await new Promise((resolve) => setTimeout(resolve, 5 + n));
      }
    }),
  );
  await until("la frappe avance partout", () => rooms.every((r) => r.witness.doc.getText("t").length > 200), 60_000);
  await first.kill("SIGKILL");
  typing = false;
  await Promise.all(typed);
  const received = rooms.map((r) => ({ vector: Y.encodeStateVector(r.witness.doc), text: r.witness.doc.getText("t").toString() }));
  peers.forEach((p) => p.provider.disconnect());

  const second = await spawnServer({ ...env, SEED_DEMO: "false" });
  cleanup.push(() => second.kill("SIGKILL"));
  const reader = await second.as("membre.grand-sud@atelier.test");
  for (const [d, id] of ids.entries()) {
    const again = connect(second.url, reader, id);
    peers.push(again);
    await synced(again);
    const restored = again.doc.getText("t").toString();
    // Everything the witness held is there.
    const have = Y.decodeStateVector(Y.encodeStateVector(again.doc));
    for (const [client, clock] of Y.decodeStateVector(received[d]!.vector)) expect(have.get(client) ?? 0).toBeGreaterThanOrEqual(clock);
    for (const token of received[d]!.text.match(/\[\d:\d+\]/g)!) expect(restored).toContain(token);
    // Nothing twice, and the template once.
    const tokens = restored.match(/\[\d:\d+\]/g)!;
    expect(new Set(tokens).size).toBe(tokens.length);
    expect(again.doc.getXmlFragment("default").toString().match(/Contexte/g)).toHaveLength(1);
    again.provider.disconnect();
  }
}, 240_000);
