/**
 * An editor's client can write anything into the document with the plain Yjs API. The server's
 * text, HTML, comparison and restore read only what the editor's schema allows.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { spaceId, startTestServer, type Client, type TestServer } from "../../test/harness.js";
import { connect, readStored, synced, until, write, type Peer } from "../collab/test-helpers.js";

let server: TestServer;
let grandSud: string;
let membre: Client;
const peers: Peer[] = [];

beforeAll(async () => {
  server = await startTestServer();
  grandSud = await spaceId(server, "grand-sud");
  membre = await server.as("membre.grand-sud@atelier.test");
});
afterEach(() => peers.splice(0).forEach((p) => p.destroy()));
afterAll(() => server.close());

/** What sits at the top of the stored fragment, by kind. */
const storedKinds = (id: string) =>
  readStored(server.services.db, id, (doc) =>
    doc
      .getXmlFragment("default")
      .toArray()
      .map((item) => (item instanceof Y.XmlElement ? item.nodeName : item instanceof Y.AbstractType ? "type" : typeof item)),
  );

describe("foreign items in a document", () => {
  it("are skipped by the text, the HTML and the comparison, and removed by a restore", async () => {
    const created = await membre.post(`/api/spaces/${grandSud}/documents`, { title: "Livrable attaqué", kind: "livrable" });
    const id = created.body.document.id as string;
    const v1 = (await membre.post(`/api/documents/${id}/versions`, { name: "avant" })).body.version;
    const peer = connect(server.url, membre, id);
    peers.push(peer);
    await synced(peer);
    write(peer, "Texte légitime");
    const f = peer.doc.getXmlFragment("default") as unknown as Y.Array<unknown>;
    f.insert(0, [{ injected: true }, "une chaîne", new Y.Map()]);
    const evil = new Y.XmlElement("paragraph");
    evil.setAttribute("textAlign", "left; position:fixed; inset:0; z-index:99999; background:url(https://example.org/x.png)");
    evil.insert(0, [new Y.XmlText("Cliquez ici")]);
    peer.doc.getXmlFragment("default").insert(0, [evil]);
    await until("enregistré", async () => (await storedKinds(id)).includes("object"));

    const text = await membre.get(`/api/documents/${id}/content?format=text`);
    expect(text.status).toBe(200);
    expect(text.body.content).toContain("Texte légitime");
    const html = await membre.get(`/api/documents/${id}/content?format=html`);
    expect(html.status).toBe(200);
    expect(html.body.content).toContain("<p>Cliquez ici</p>");
    expect(html.body.content).not.toMatch(/position|url\(/);
    const diff = await membre.get(`/api/documents/${id}/versions/${v1.id}/diff?against=current`);
    expect(diff.status).toBe(200);

    const restored = await membre.post(`/api/documents/${id}/versions/${v1.id}/restore`);
    expect(restored.status).toBe(201);
    await until("restauré", async () => {
      const kinds = await storedKinds(id);
      return !kinds.includes("object") && !kinds.includes("string") && !kinds.includes("type");
    });
    const after = await membre.get(`/api/documents/${id}/content?format=text`);
    expect(after.body.content).not.toContain("Cliquez ici");
    expect(after.body.content).not.toContain("Texte légitime");
  });
});
