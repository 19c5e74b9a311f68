/**
 * My data (RGPD right of access) through HTTP: the ZIP holds one JSON file with what the person
 * did (a comment, an uploaded file, audit entries) and nothing of anyone else.
 */
import { unzipSync, strFromU8 } from "fflate";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { spaceId, startTestServer, type Client, type TestServer } from "../../test/harness.js";
import { connect, synced, until, type Peer } from "../collab/test-helpers.js";
import { loadYDoc } from "../documents/content.js";
import { upload } from "../files/test-helpers.js";

let server: TestServer;
let grandSud: string;
let membre: Client;
let pilote: Client;
const peers: Peer[] = [];

beforeAll(async () => {
  server = await startTestServer();
  grandSud = await spaceId(server, "grand-sud");
  membre = await server.as("membre.grand-sud@atelier.test");
  pilote = await server.as("pilote.grand-sud@atelier.test");
});
afterEach(() => peers.splice(0).forEach((p) => p.destroy()));
afterAll(() => server.close());

const b64 = (pos: Y.RelativePosition) => Buffer.from(Y.encodeRelativePosition(pos)).toString("base64");

async function download(client: Client) {
  const res = await client.raw("GET", "/api/me/export");
  const bytes = new Uint8Array(await res.arrayBuffer());
  return { res, files: res.status === 200 ? unzipSync(bytes) : {} };
}

describe("GET /api/me/export", () => {
  it("holds the person's comment, file and audit entries, and nothing of anyone else", async () => {
    const doc = await membre.post(`/api/spaces/${grandSud}/documents`, { title: "Livrable à exporter", kind: "livrable" });
    const id = doc.body.document.id as string;
    const peer = connect(server.url, membre, id);
    peers.push(peer);
    await synced(peer);
    const p = new Y.XmlElement("paragraph");
    p.insert(0, [new Y.XmlText("Les partenaires du territoire")]);
    peer.doc.getXmlFragment("default").push([p]);
    await until("enregistré", async () => {
      const stored = await loadYDoc(server.services.db, id);
      const done = stored.getXmlFragment("default").toString().includes("partenaires");
      stored.destroy();
      return done;
    });
    const text = p.get(0) as Y.XmlText;
    const anchor = { from: b64(Y.createRelativePositionFromTypeIndex(text, 4)), to: b64(Y.createRelativePositionFromTypeIndex(text, 15, -1)) };
    const mine = await membre.post(`/api/documents/${id}/comments`, { anchor, quote: "partenaires", body: "Mon commentaire à moi" });
    expect(mine.status).toBe(201);
    const theirs = await pilote.post(`/api/documents/${id}/comments`, { anchor, quote: "partenaires", body: "Le commentaire du pilote" });
    expect(theirs.status).toBe(201);
    expect((await upload(membre, grandSud, "compte-rendu-membre.pdf")).status).toBe(201);
    expect((await upload(pilote, grandSud, "compte-rendu-pilote.pdf")).status).toBe(201);

    const { res, files } = await download(membre);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/zip");
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="mes-donnees-atelier\.zip"/);
    expect(Object.keys(files)).toEqual(["mes-donnees-atelier.json"]);
    const raw = strFromU8(files["mes-donnees-atelier.json"]!);
    const data = JSON.parse(raw);
    expect(data.account).toMatchObject({ email: "membre.grand-sud@atelier.test", firstName: "Marie" });
    expect(data.account).not.toHaveProperty("passwordHash");
    expect(data.memberships.map((m: { slug: string }) => m.slug)).toContain("grand-sud");
    expect(data.sessions.length).toBeGreaterThan(0);
    expect(data.comments.map((c: { body: string }) => c.body)).toEqual(["Mon commentaire à moi"]);
    expect(data.files.map((f: { fileName: string }) => f.fileName)).toEqual(["compte-rendu-membre.pdf"]);
    expect(data.auditEntries.map((e: { kind: string }) => e.kind)).toEqual(expect.arrayContaining(["auth.login", "user.data_exported"]));
    // Nothing of anyone else: not the pilote's comment, file or address, no token or hash. (The
    // notification the membre received names who commented: that notification is the membre's.)
    expect(raw).not.toMatch(/Le commentaire du pilote|compte-rendu-pilote|pilote\.grand-sud@/);
    const [session] = membre.cookies.get("atelier_session")!.split(".");
    expect(raw).not.toContain(session);
    expect(raw).not.toMatch(/secret_hash|secretHash|password_hash|argon/i);
  });

  it("is written to the audit journal", async () => {
    const before = await server.services.db.query("SELECT 1 FROM audit_log WHERE kind = 'user.data_exported'");
    expect((await download(pilote)).res.status).toBe(200);
    const after = await server.services.db.query<{ actor_email: string }>(
      "SELECT actor_email FROM audit_log WHERE kind = 'user.data_exported'",
    );
    expect(after.length).toBe(before.length + 1);
    expect(after.map((a) => a.actor_email)).toContain("pilote.grand-sud@atelier.test");
  });

  it("answers 401 without a session", async () => {
    const r = await server.client().get("/api/me/export");
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBeTruthy();
  });
});
