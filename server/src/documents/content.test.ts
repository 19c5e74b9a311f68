/**
 * A document's content: compaction merges its log into one row without losing what is appended
 * meanwhile, even when two instances compact at once; the socket compacts past COLLAB_COMPACT_ROWS;
 * whatever stores content (socket, restore, creation) tells "content stored" once per stored batch.
 */
import { randomUUID } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { spaceId, startTestServer, type TestServer } from "../../test/harness.js";
import { connect, fragmentText, readStored, synced, until, write, type Peer } from "../collab/test-helpers.js";
import type { Events } from "../events/bus.js";
import { compactLog, loadLog, loadYDoc } from "./content.js";

let server: TestServer;
const peers: Peer[] = [];

beforeAll(async () => {
  server = await startTestServer({ COLLAB_COMPACT_ROWS: "10" });
});
afterEach(() => {
  peers.splice(0).forEach((p) => p.destroy());
});

async function emptyDocument() {
  const id = randomUUID();
  await server.services.db.query("INSERT INTO documents (id, space_id, title, kind) VALUES ($1, $2, 'Journal', 'livrable')", [
    id,
    await spaceId(server, "grand-sud"),
  ]);
  return id;
}

const appendUpdate = (id: string, update: Uint8Array) =>
  server.services.db.tx((q) => server.services.content.store(q, id, [update]));

/** `count` updates of one editor, each typing one word. */
function typing(count: number, prefix: string) {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on("update", (u: Uint8Array) => updates.push(u));
  for (let i = 0; i < count; i++) doc.getText("t").insert(doc.getText("t").length, `${prefix}${i} `);
  return { updates, text: doc.getText("t").toString() };
}

const textOf = async (id: string) => {
  const doc = await loadYDoc(server.services.db, id);
  const text = doc.getText("t").toString();
  doc.destroy();
  return text;
};

describe("update log", () => {
  it("compacts into one row holding the same document", async () => {
    const id = await emptyDocument();
    const { updates, text } = typing(40, "mot");
    for (const u of updates) await appendUpdate(id, u);
    expect((await loadLog(server.services.db, id)).rows).toBe(40);
    expect(await compactLog(server.services.db, id)).toMatchObject({ rows: 1 });
    expect((await loadLog(server.services.db, id)).rows).toBe(1);
    expect(await textOf(id)).toBe(text);
  });

  it("loses nothing when compactions race each other and appends", async () => {
    const id = await emptyDocument();
    const a = typing(60, "a");
    const b = typing(60, "b");
    for (const u of a.updates.slice(0, 30)) await appendUpdate(id, u);
    const db = server.services.db;
    await Promise.all([
      compactLog(db, id),
      (async () => {
        for (const u of a.updates.slice(30)) await appendUpdate(id, u);
      })(),
      compactLog(db, id),
      (async () => {
        for (const u of b.updates) await appendUpdate(id, u);
      })(),
      compactLog(db, id),
    ]);
    await compactLog(db, id);
    const doc = await loadYDoc(db, id);
    const expected = new Y.Doc();
    [...a.updates, ...b.updates].forEach((u) => Y.applyUpdate(expected, u));
    expect(doc.getText("t").toString()).toBe(expected.getText("t").toString());
    expect((await loadLog(db, id)).rows).toBe(1);
  });

  it("is compacted by the socket past COLLAB_COMPACT_ROWS while people edit", async () => {
    const membre = await server.as("membre.grand-sud@atelier.test");
    const id = (await membre.post(`/api/spaces/${await spaceId(server, "grand-sud")}/documents`, { title: "J", kind: "livrable" }))
      .body.document.id as string;
    const [a, b] = [connect(server.url, membre, id), connect(server.url, membre, id)];
    peers.push(a, b);
    await Promise.all([a, b].map(synced));
    for (let i = 0; i < 35; i++) {
      a.doc.getText("t").insert(a.doc.getText("t").length, `${i} `);
      await until("relayé", () => b.doc.getText("t").toString() === a.doc.getText("t").toString());
    }
    expect((await loadLog(server.services.db, id)).rows).toBeLessThanOrEqual(11);
    expect(await textOf(id)).toBe(a.doc.getText("t").toString());
  });
});

describe("content stored", () => {
  /** The events told while `act` runs, for documents made meanwhile. */
  async function told(act: () => Promise<void>) {
    const seen: Events["documentContentStored"][] = [];
    const off = server.services.bus.on("documentContentStored", async (_q, e) => void seen.push(e));
    try {
      await act();
    } finally {
      off();
    }
    return seen;
  }

  it("is told for a new document's template (no authors), for each batch typed through the socket and for a restore", async () => {
    const membre = await server.as("membre.grand-sud@atelier.test");
    const [me] = await server.services.db.query<{ id: string }>("SELECT id FROM users WHERE email = 'membre.grand-sud@atelier.test'");
    let id = "";
    const created = await told(async () => {
      id = (await membre.post(`/api/spaces/${await spaceId(server, "grand-sud")}/documents`, { title: "Annoncé", kind: "livrable" }))
        .body.document.id as string;
    });
    expect(created).toEqual([{ documentId: id }]);

    const peer = connect(server.url, membre, id);
    peers.push(peer);
    await synced(peer);
    const rowsBefore = (await loadLog(server.services.db, id)).rows;
    const typed = await told(async () => {
      write(peer, "Une phrase tapée dans le document.");
      await until("stocké", async () => (await loadLog(server.services.db, id)).rows > rowsBefore);
    });
    // One event per stored batch (a batch holds one or more merged rows), carrying who wrote it.
    expect(typed.length).toBeGreaterThanOrEqual(1);
    expect(typed.length).toBeLessThanOrEqual((await loadLog(server.services.db, id)).rows - rowsBefore);
    expect(typed.every((e) => e.documentId === id && e.authors?.includes(me!.id))).toBe(true);

    const named = await membre.post(`/api/documents/${id}/versions`, { name: "Avant" });
    expect(named.status).toBe(201);
    const restored = await told(async () => {
      expect((await membre.post(`/api/documents/${id}/versions/${named.body.version.id}/restore`, {})).status).toBe(201);
    });
    expect(restored).toEqual([]);
    write(peer, "Encore une phrase.");
    await until("stocké", async () => (await readStored(server.services.db, id, fragmentText)).includes("Encore"));
    const back = await told(async () => {
      expect((await membre.post(`/api/documents/${id}/versions/${named.body.version.id}/restore`, {})).status).toBe(201);
    });
    expect(back.length).toBeGreaterThanOrEqual(1);
    expect(back.every((e) => e.documentId === id && e.authors?.includes(me!.id))).toBe(true);
  });
});
