/**
 * The update log: compaction merges it into one row without losing what is appended meanwhile,
 * even when two instances compact at once; the socket compacts past COLLAB_COMPACT_ROWS.
 */
import { randomUUID } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { spaceId, startTestServer, type TestServer } from "../../test/harness.js";
import { appendUpdate, compactLog, loadLog, loadYDoc } from "./store.js";
import { connect, synced, until, type Peer } from "./test-helpers.js";

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
    for (const u of updates) await appendUpdate(server.services.db, id, u);
    expect((await loadLog(server.services.db, id)).rows).toBe(40);
    expect(await compactLog(server.services.db, id)).toMatchObject({ rows: 1 });
    expect((await loadLog(server.services.db, id)).rows).toBe(1);
    expect(await textOf(id)).toBe(text);
  });

  it("loses nothing when compactions race each other and appends", async () => {
    const id = await emptyDocument();
    const a = typing(60, "a");
    const b = typing(60, "b");
    for (const u of a.updates.slice(0, 30)) await appendUpdate(server.services.db, id, u);
    const db = server.services.db;
    await Promise.all([
      compactLog(db, id),
      (async () => {
        for (const u of a.updates.slice(30)) await appendUpdate(db, id, u);
      })(),
      compactLog(db, id),
      (async () => {
        for (const u of b.updates) await appendUpdate(db, id, u);
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
