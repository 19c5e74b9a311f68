/**
 * Two server processes on one PostgreSQL and one Redis (REDIS_URL and DATABASE_URL, or the local
 * defaults): clients split between them converge, each update is stored once, and an access
 * withdrawn on one instance closes the socket held on the other.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { COLLAB_CLOSE } from "@atelier/shared";
import { runSql, scratchDatabase } from "../../test/scratch-db.js";
import type { Client } from "../../test/harness.js";
import { spawnServer, type Spawned } from "./spawn.js";
import { connect, synced, until, type Peer } from "./test-helpers.js";

const REDIS = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
let db: Awaited<ReturnType<typeof scratchDatabase>>;

let one: Spawned;
let two: Spawned;
let membre1: Client;
let membre2: Client;
let grandSud: string;
const peers: Peer[] = [];

beforeAll(async () => {
  db = await scratchDatabase("atelier_collab");
  const env = { DATABASE_URL: db.url, REDIS_URL: REDIS };
  // The first one migrates and seeds; the second finds it done.
  one = await spawnServer({ ...env, SEED_DEMO: "true" });
  two = await spawnServer({ ...env, SEED_DEMO: "false" });
  membre1 = await one.as("membre.grand-sud@atelier.test");
  membre2 = await two.as("membre.grand-sud@atelier.test");
  grandSud = (await membre1.get("/api/spaces")).body.spaces.find((s: { slug: string }) => s.slug === "grand-sud").id;
}, 120_000);

afterAll(async () => {
  peers.forEach((p) => p.destroy());
  await Promise.all([one?.kill(), two?.kill()]);
  await db?.drop();
});

async function newDocument() {
  return (await membre1.post(`/api/spaces/${grandSud}/documents`, { title: "Deux instances", kind: "livrable" })).body.document
    .id as string;
}

function open(server: Spawned, client: Client, id: string) {
  const p = connect(server.url, client, id);
  peers.push(p);
  return p;
}

const rowsOf = async (id: string) =>
  (await runSql(db.url, "SELECT count(*)::int AS n FROM document_updates WHERE document_id = $1", [id]))[0].n as number;

it("relays between instances, stores each update once, and clients on both converge", async () => {
  const id = await newDocument();
  const a = open(one, membre1, id);
  const b = open(two, membre2, id);
  await Promise.all([a, b].map(synced));
  const before = await rowsOf(id);
  a.doc.getText("t").insert(0, "depuis l'instance 1");
  await until("relayé vers l'instance 2", () => b.doc.getText("t").toString() === "depuis l'instance 1");
  expect(await rowsOf(id)).toBe(before + 1);

  const group = [a, b, open(one, membre1, id), open(two, membre2, id), open(one, membre1, id), open(two, membre2, id)];
  await Promise.all(group.map(synced));
  for (let round = 0; round < 120; round++) {
    const p = group[round % group.length]!;
    const t = p.doc.getText("t");
    if (round % 7 === 3 && t.length > 10) t.delete(round % t.length, 2);
    else t.insert(round % (t.length + 1), `<${round}>`);
    if (round % 10 === 0) await new Promise((r) => setTimeout(r, 5));
  }
  const text = () => group[0]!.doc.getText("t").toString();
  await until("convergence", () => group.every((p) => p.doc.getText("t").toString() === text()), 20_000);
  // A third client on the second instance reads the stored state: the same.
  const late = open(two, membre2, id);
  await synced(late);
  expect(late.doc.getText("t").toString()).toBe(text());
}, 60_000);

it("closes, on the other instance, the socket of a member deactivated on the first", async () => {
  const id = await newDocument();
  const adminClient = await one.as("admin@atelier.test");
  const lecteur = await two.as("lecteur.grand-sud@atelier.test");
  const held = open(two, lecteur, id);
  await synced(held);
  const users = (await adminClient.get("/api/admin/users?q=lecteur.grand-sud")).body.users as { id: string; email: string }[];
  const target = users.find((u) => u.email === "lecteur.grand-sud@atelier.test")!;
  expect((await adminClient.post(`/api/admin/users/${target.id}/deactivate`)).status).toBe(200);
  await until("socket fermée sur l'autre instance", () => held.closes.length > 0, 5000);
  expect(held.closes[0]!.code).toBe(COLLAB_CLOSE.accessRemoved.code);
});
