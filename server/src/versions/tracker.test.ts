/** Automatic versions while people keep writing: at least one every VERSION_AUTO_EVERY_MS, pause or not. */
import { afterAll, beforeAll, expect, it } from "vitest";
import * as Y from "yjs";
import { spaceId, startTestServer, type Client, type TestServer } from "../../test/harness.js";
import { connect, synced, until } from "../collab/test-helpers.js";
import { VersionTracker } from "./tracker.js";

let server: TestServer;
let membre: Client;

beforeAll(async () => {
  // A pause never happens here: only the "at least every" rule can make versions.
  server = await startTestServer({ VERSION_AUTO_PAUSE_MS: "600000", VERSION_AUTO_EVERY_MS: "400" });
  membre = await server.as("membre.grand-sud@atelier.test");
});
afterAll(() => server.close());

it("keeps versions at least every so often while someone keeps typing", async () => {
  const r = await membre.post(`/api/spaces/${await spaceId(server, "grand-sud")}/documents`, { title: "Frappe continue", kind: "livrable" });
  const id = r.body.document.id as string;
  const peer = connect(server.url, membre, id);
  try {
    await synced(peer);
    const p = new Y.XmlElement("paragraph");
    const text = new Y.XmlText();
    p.insert(0, [text]);
    peer.doc.getXmlFragment("default").push([p]);
    let n = 0;
    const typing = setInterval(() => text.insert(text.length, `mot${n++} `), 30);
    const versions = async () => (await membre.get(`/api/documents/${id}/versions`)).body.versions as { kind: string }[];
    try {
      await until("deux versions automatiques", async () => (await versions()).length >= 2);
    } finally {
      clearInterval(typing);
    }
    expect((await versions()).every((v) => v.kind === "auto")).toBe(true);
  } finally {
    peer.destroy();
  }
});

it("after a restart, versions what was edited since the latest version once its pause is over", async () => {
  const r = await membre.post(`/api/spaces/${await spaceId(server, "grand-sud")}/documents`, { title: "Avant l'arrêt", kind: "livrable" });
  const id = r.body.document.id as string;
  const [me] = await server.services.db.query<{ id: string }>("SELECT id FROM users WHERE email = 'membre.grand-sud@atelier.test'");
  // What the previous process recorded before it stopped: an edit, and no version since.
  await server.services.db.query(
    "INSERT INTO document_authors (document_id, user_id, last_edit_at) VALUES ($1, $2, now() - interval '1 hour')",
    [id, me!.id],
  );
  const tracker = new VersionTracker(server.services.db, { VERSION_AUTO_PAUSE_MS: 600_000, VERSION_AUTO_EVERY_MS: 600_000 });
  await tracker.recover();
  await until("version reprise", async () => (await membre.get(`/api/documents/${id}/versions`)).body.versions.length === 1);
  await tracker.close();
  const [v] = (await membre.get(`/api/documents/${id}/versions`)).body.versions;
  expect(v).toMatchObject({ kind: "auto", authors: [{ id: me!.id }] });
});
