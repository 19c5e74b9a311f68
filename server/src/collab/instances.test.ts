/**
 * Two server processes on one PostgreSQL and one Redis (REDIS_URL and DATABASE_URL, or the local
 * defaults): clients split between them converge, each update is stored once, and an access
 * withdrawn on one instance closes the socket held on the other before its answer.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { COLLAB_CLOSE } from "@atelier/shared";
import { runSql, scratchDatabase } from "../../test/scratch-db.js";
import type { Client } from "../../test/harness.js";
import { spawnServer, type Spawned } from "./spawn.js";
import * as Y from "yjs";
import { connect, formatOffline, formatted, synced, until, type Peer } from "./test-helpers.js";

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

/** The document as the database holds it, read by another client of PostgreSQL. */
async function storedDoc(id: string) {
  const doc = new Y.Doc();
  const rows = await runSql(db.url, "SELECT data FROM document_updates WHERE document_id = $1 ORDER BY id", [id]);
  rows.forEach((r: { data: Buffer }) => Y.applyUpdate(doc, new Uint8Array(r.data)));
  return doc;
}

it("stores and relays Yjs's formatting cleanup with clients formatting offline on both instances", async () => {
  for (const n of [2, 3]) {
    const id = await newDocument();
    const group = Array.from({ length: n }, (_, i) => (i % 2 ? open(two, membre2, id) : open(one, membre1, id)));
    await formatOffline(group, async () => formatted(await storedDoc(id)));
  }
  expect(one.child.exitCode).toBeNull();
  expect(two.child.exitCode).toBeNull();
}, 60_000);

it("stores nothing a member sends on one instance after their removal on the other was answered", async () => {
  const id = await newDocument();
  const pilote = await one.as("pilote.grand-sud@atelier.test");
  const typist = await two.as("membre.grand-sud@atelier.test");
  const held = open(two, typist, id);
  await synced(held);
  const me = (await typist.get("/api/me")).body.user.id as string;
  let n = 0;
  // Numbered edits keep coming while the removal is under way (every 5 ms: faster only measures how
  // long a loaded CI machine takes to work through the backlog before it re-checks the socket).
  const typing = setInterval(() => {
    if (held.provider.wsconnected) held.doc.getText("t").insert(0, `${n++} `);
  }, 5);
  await until("premières modifications", () => n > 20);
  const removed = await pilote.delete(`/api/spaces/${grandSud}/members/${me}`);
  const sentBeforeAnswer = n;
  await until("socket fermée", () => held.closes.length > 0, 20_000);
  clearInterval(typing);
  expect(removed.status).toBe(204);
  expect(held.closes[0]!.code).toBe(COLLAB_CLOSE.accessRemoved.code);
  const stored = (await storedDoc(id)).getText("t").toString().trim().split(" ").map(Number);
  expect(stored.length).toBeGreaterThan(0);
  expect(Math.max(...stored)).toBeLessThan(sentBeforeAnswer);
  await runSql(db.url, "INSERT INTO memberships (user_id, space_id, role) VALUES ($1, $2, 'membre')", [me, grandSud]);
}, 60_000);
