/**
 * Live content: what a y-websocket client types is found within seconds, a document typed into
 * continuously is re-indexed every few seconds rather than at every keystroke, and indexing work
 * pending when the server stops is done after it starts again.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import * as Y from "yjs";
import { freshDb } from "../../test/db.js";
import { Client, spaceId, startTestServer, type TestServer } from "../../test/harness.js";
import { connect, readStored, synced, until, write } from "../collab/test-helpers.js";
import { loadConfig } from "../config.js";
import { startServer, type Running } from "../server.js";
import { DOCUMENT_DELAY_MS } from "./queue.js";
import { searchFor } from "./test-helpers.js";

const ids = (r: { body: { results: { id: string }[] } }) => r.body.results.map((x) => x.id);

let server: TestServer;
let membre: Client;
beforeAll(async () => {
  server = await startTestServer();
  membre = await server.as("membre.grand-sud@atelier.test");
});

/** A new document of Grand-Sud opened by the membre's stock client, with an empty paragraph to type into. */
async function typingInto(title: string) {
  const r = await membre.post(`/api/spaces/${await spaceId(server, "grand-sud")}/documents`, { title, kind: "compte-rendu" });
  const id: string = r.body.document.id;
  const peer = connect(server.url, membre, id);
  await synced(peer);
  const text = new Y.XmlText();
  const p = new Y.XmlElement("paragraph");
  p.insert(0, [text]);
  peer.doc.getXmlFragment("default").push([p]);
  return { id, peer, text };
}

it("finds a sentence typed through the WebSocket within 5 seconds", async () => {
  const { id, peer, text } = await typingInto("Notes de séance");
  try {
    const sentence = "Les travailleurs sociaux réclament des permanences itinérantes.";
    for (const ch of sentence) {
      text.insert(text.length, ch);
      await new Promise((res) => setTimeout(res, 10));
    }
    const typed = Date.now();
    await until("phrase trouvée", async () => ids(await searchFor(membre, { q: "permanence itinérante" })).includes(id), 5000);
    expect(Date.now() - typed).toBeLessThan(5000);
  } finally {
    peer.destroy();
  }
});

it("re-indexes a document typed into continuously every few seconds, not at every keystroke", async () => {
  const { id, peer, text } = await typingInto("Frappe continue");
  const indexings = new Set<string>();
  try {
    let n = 0;
    const typing = setInterval(() => text.insert(text.length, `mot${n++} `), 30);
    const end = Date.now() + 7000;
    while (Date.now() < end) {
      const [row] = await server.services.db.query<{ at: string }>("SELECT indexed_at::text AS at FROM search_entries WHERE id = $1", [id]);
      if (row) indexings.add(row.at);
      await new Promise((res) => setTimeout(res, 50));
    }
    clearInterval(typing);
    // Found while typing goes on; at most one indexing per delay (plus the creation's).
    expect(ids(await searchFor(membre, { q: "mot3" }))).toContain(id);
    expect(indexings.size).toBeGreaterThanOrEqual(2);
    expect(indexings.size).toBeLessThanOrEqual(Math.ceil(7000 / DOCUMENT_DELAY_MS) + 1);
  } finally {
    peer.destroy();
  }
});

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

/** A server over the given database, as the test harness starts one, and a client logged in on it. */
async function serverOn(db: Awaited<ReturnType<typeof freshDb>>["db"]): Promise<{ running: Running; membre: Client }> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "atelier-search-"));
  dirs.push(dataDir);
  const config = loadConfig({ NODE_ENV: "test", PORT: "0", HOST: "127.0.0.1", DATA_DIR: dataDir, WEB_DIST: "", SEED_DEMO: "false", LOG_LEVEL: "silent" });
  const running = await startServer(config, { db });
  const origin = `http://localhost:${running.port}`;
  config.allowedOrigins.push(origin);
  const membre = new Client(running.url, origin);
  await membre.login("membre.grand-sud@atelier.test");
  return { running, membre };
}

it("does after a restart the indexing left pending when the server stopped", async () => {
  const { db, drop } = await freshDb();
  try {
    const first = await serverOn(db);
    const [grandSud] = await db.query<{ id: string }>("SELECT id FROM spaces WHERE slug = 'grand-sud'");
    const r = await first.membre.post(`/api/spaces/${grandSud!.id}/documents`, { title: "Avant l'arrêt", kind: "compte-rendu" });
    const id: string = r.body.document.id;
    const peer = connect(first.running.url, first.membre, id);
    await synced(peer);
    write(peer, "Une passerelle vers la médiation familiale.");
    await until("texte enregistré", () => readStored(db, id, (d) => d.getXmlFragment("default").toString().includes("passerelle")));
    peer.destroy();
    // Stopped before the document's delay is over: its indexing is only in the queue.
    await first.running.close();
    expect(await db.query("SELECT 1 FROM search_queue WHERE type = 'document' AND id = $1", [id])).toHaveLength(1);
    expect(await db.query("SELECT 1 FROM search_entries WHERE id = $1 AND body LIKE '%passerelle%'", [id])).toHaveLength(0);

    const second = await serverOn(db);
    try {
      await until("trouvé après le redémarrage", async () => ids(await searchFor(second.membre, { q: "passerelles" })).includes(id), 10_000);
      expect(await db.query("SELECT 1 FROM search_queue")).toHaveLength(0);
    } finally {
      await second.running.close();
    }
  } finally {
    await drop();
  }
});
