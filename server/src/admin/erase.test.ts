/**
 * Erasure at the person's request, through HTTP: afterwards no table holds their name, organisation or
 * e-mail, their comment reads « Ancien membre », their sessions and open socket end, and the journal
 * says the erasure happened without saying who.
 */
import { COLLAB_CLOSE } from "@atelier/shared";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { spaceId, startTestServer, DEMO_PASSWORD, type Client, type TestServer } from "../../test/harness.js";
import { connect, synced, until, type Peer } from "../collab/test-helpers.js";
import { loadYDoc } from "../documents/content.js";
import { upload } from "../files/test-helpers.js";
import { documentAt } from "../workflow/test-helpers.js";

const EMAIL = "membre.grand-sud@atelier.test";
const IDENTITY = { firstName: "Gwendoline", lastName: "Quintardière", organisation: "Association Zéphyrine" };

let server: TestServer;
let admin: Client;
let grandSud: string;
const peers: Peer[] = [];
afterEach(() => peers.splice(0).forEach((p) => p.destroy()));

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.as("admin@atelier.test");
  grandSud = await spaceId(server, "grand-sud");
});

const idOf = async (email: string) =>
  ((await admin.get(`/api/admin/users?q=${encodeURIComponent(email)}`)).body.users as { id: string; email: string }[]).find(
    (u) => u.email === email,
  )!.id;

const b64 = (pos: Y.RelativePosition) => Buffer.from(Y.encodeRelativePosition(pos)).toString("base64");

/** Every row of every table of the database, as JSON text. */
async function everyRow(): Promise<string> {
  const tables = await server.services.db.query<{ name: string }>(
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
  );
  expect(tables.length).toBeGreaterThan(30);
  const texts: string[] = [];
  for (const { name } of tables) {
    const rows = await server.services.db.query<{ t: string }>(`SELECT row_to_json(x)::text AS t FROM "${name}" x`);
    texts.push(...rows.map((r) => `${name}: ${r.t}`));
  }
  return texts.join("\n");
}

describe("POST /api/admin/users/:id/erase", () => {
  it("leaves no trace of who the person was, keeps their contributions as « Ancien membre », ends their sessions and sockets", async () => {
    const id = await idOf(EMAIL);
    expect((await admin.patch(`/api/admin/users/${id}`, IDENTITY)).status).toBe(200);
    const person = await server.as(EMAIL);
    const pilote = await server.as("pilote.grand-sud@atelier.test");

    // A comment, a file, notifications received and sent, an open socket.
    const doc = await person.post(`/api/spaces/${grandSud}/documents`, { title: "Livrable co-écrit", kind: "livrable" });
    const documentId = doc.body.document.id as string;
    const peer = connect(server.url, person, documentId);
    peers.push(peer);
    await synced(peer);
    const p = new Y.XmlElement("paragraph");
    p.insert(0, [new Y.XmlText("Les partenaires du territoire")]);
    peer.doc.getXmlFragment("default").push([p]);
    await until("enregistré", async () => {
      const stored = await loadYDoc(server.services.db, documentId);
      const done = stored.getXmlFragment("default").toString().includes("partenaires");
      stored.destroy();
      return done;
    });
    const text = p.get(0) as Y.XmlText;
    const anchor = { from: b64(Y.createRelativePositionFromTypeIndex(text, 4)), to: b64(Y.createRelativePositionFromTypeIndex(text, 15, -1)) };
    expect((await person.post(`/api/documents/${documentId}/comments`, { anchor, quote: "partenaires", body: "À compléter" })).status).toBe(201);
    const mention = `@${IDENTITY.firstName} ${IDENTITY.lastName}`;
    const piloteComment = await pilote.post(`/api/documents/${documentId}/comments`, { anchor, quote: "partenaires", body: `D'accord ${mention}`, mentions: [id] });
    expect(piloteComment.status).toBe(201);
    expect((await upload(person, grandSud, "contribution.pdf")).status).toBe(201);
    await documentAt(server, "en-relecture", { title: "Livrable relu" });
    expect((await person.get("/api/me/export")).status).toBe(200);
    const before = await everyRow();
    expect(before).toContain(IDENTITY.lastName);
    expect(before).toContain(EMAIL);

    const erased = await admin.post(`/api/admin/users/${id}/erase`);
    expect(erased.status).toBe(200);
    expect(erased.body.user).toMatchObject({ firstName: "Ancien", lastName: "membre", organisation: "", active: false, memberships: [] });
    expect(erased.body.user.erasedAt).not.toBeNull();
    expect(erased.body.user.email).not.toContain("grand-sud");

    // The search index follows the comments that mentioned them within seconds (its worker re-indexes them).
    await until("index de recherche à jour", async () => !(await everyRow()).includes(IDENTITY.lastName), 15_000);
    const after = await everyRow();
    for (const word of [EMAIL, IDENTITY.firstName, IDENTITY.lastName, IDENTITY.organisation]) {
      expect(after.split("\n").filter((row) => row.includes(word)), word).toEqual([]);
    }
    // Their contributions stay, under « Ancien membre ».
    const threads = (await pilote.get(`/api/documents/${documentId}/comments`)).body.threads as {
      comments: { body: string; author: { id: string; name: string } | null }[];
    }[];
    const mine = threads.flatMap((t) => t.comments).find((c) => c.body === "À compléter")!;
    expect(mine.author).toEqual({ id, name: "Ancien membre" });
    const mentioning = threads.flatMap((t) => t.comments).find((c) => c.body.startsWith("D'accord"))! as unknown as { body: string; mentions: { name: string }[] };
    expect(mentioning.body).toBe("D'accord @Ancien membre");
    expect(mentioning.mentions).toEqual([{ id, name: "Ancien membre" }]);
    const files = (await pilote.get(`/api/spaces/${grandSud}/files`)).body.files as { originalName: string; uploadedBy: { name: string } | null }[];
    expect(files.find((f) => f.originalName === "contribution.pdf")?.uploadedBy?.name).toBe("Ancien membre");
    // Their session and socket ended; their password no longer opens anything.
    await until("socket fermée", () => peer.closes.length > 0, 5000);
    expect(peer.closes[0]!.code).toBe(COLLAB_CLOSE.accessRemoved.code);
    expect((await person.get("/api/me")).status).toBe(401);
    expect((await server.client().post("/api/auth/login", { email: EMAIL, password: DEMO_PASSWORD })).status).toBe(401);
    // The journal says it happened, by whom, about which account id.
    const journal = (await admin.get("/api/audit?kind=user.erased")).body.entries as { kind: string; targetId: string; actorEmail: string; target: string }[];
    const entry = journal.find((e) => e.kind === "user.erased" && e.targetId === id)!;
    expect(entry.actorEmail).toBe("admin@atelier.test");
    expect(entry.target).not.toContain(IDENTITY.lastName);
  });

  it("is refused for oneself, the last administrator, a committee's only pilote, twice, and an unknown account; an erased account is not changed again", async () => {
    const adminId = await idOf("admin@atelier.test");
    const self = await admin.post(`/api/admin/users/${adminId}/erase`);
    expect([self.status, self.body.error?.code]).toEqual([409, "self_erasure"]);
    const sole = await admin.post(`/api/admin/users/${await idOf("pilote.sud-ouest@atelier.test")}/erase`);
    expect([sole.status, sole.body.error?.code]).toEqual([409, "last_pilote"]);
    expect((await admin.post(`/api/admin/users/${crypto.randomUUID()}/erase`)).status).toBe(404);
    expect((await admin.post("/api/admin/users/pas-un-id/erase")).status).toBe(404);

    const lecteur = await idOf("lecteur.grand-sud@atelier.test");
    expect((await admin.post(`/api/admin/users/${lecteur}/erase`)).status).toBe(200);
    const twice = await admin.post(`/api/admin/users/${lecteur}/erase`);
    expect([twice.status, twice.body.error?.code]).toEqual([409, "already_erased"]);
    for (const change of [
      admin.post(`/api/admin/users/${lecteur}/reactivate`),
      admin.patch(`/api/admin/users/${lecteur}`, { firstName: "Revenu" }),
      admin.put(`/api/admin/users/${lecteur}/memberships/${grandSud}`, { role: "membre" }),
    ]) {
      const r = await change;
      expect([r.status, r.body.error?.code]).toEqual([409, "erased"]);
    }
  });
});
