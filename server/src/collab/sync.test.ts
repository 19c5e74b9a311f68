/**
 * The socket through the stock y-websocket client: sync, durability before relay, read-only
 * connections, refusals at the upgrade, access changes.
 */
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { COLLAB_CLOSE } from "@atelier/shared";
import { spaceId, startTestServer, type TestServer } from "../../test/harness.js";
import { connect, readStored, fragmentText, synced, until, write, type Peer } from "./test-helpers.js";

let server: TestServer;
let grandSud: string;
const peers: Peer[] = [];

beforeAll(async () => {
  // Pings every 300 ms, so that a dead socket goes within the test.
  server = await startTestServer({ COLLAB_PING_MS: "300" });
  grandSud = await spaceId(server, "grand-sud");
});
afterEach(() => {
  peers.splice(0).forEach((p) => p.destroy());
});

async function newDocument(kind = "livrable") {
  const membre = await server.as("membre.grand-sud@atelier.test");
  const r = await membre.post(`/api/spaces/${grandSud}/documents`, { title: "Co-écriture", kind });
  expect(r.status).toBe(201);
  return r.body.document.id as string;
}

async function open(email: string | null, documentId: string) {
  const client = email ? await server.as(email) : server.client();
  const peer = connect(server.url, client, documentId);
  peers.push(peer);
  return peer;
}

const stored = (documentId: string) => readStored(server.services.db, documentId, fragmentText);

describe("collaboration socket", () => {
  it("gives the stored template before anything else, and relays edits once stored", async () => {
    const id = await newDocument();
    const a = await open("membre.grand-sud@atelier.test", id);
    await synced(a);
    expect(fragmentText(a.doc)).toContain("Contexte");
    const b = await open("pilote.grand-sud@atelier.test", id);
    await synced(b);
    write(a, "Bonjour du membre");
    await until("b reçoit", () => fragmentText(b.doc).includes("Bonjour du membre"));
    expect(await stored(id)).toContain("Bonjour du membre");
    expect(fragmentText(b.doc)).toBe(fragmentText(a.doc));
  });

  it("never applies, stores nor relays a lecteur's or a contributeur's edits, and tells them once", async () => {
    const id = await newDocument();
    const editor = await open("membre.grand-sud@atelier.test", id);
    const lecteur = await open("lecteur.grand-sud@atelier.test", id);
    const partenaire = await open("partenaire@atelier.test", id);
    const national = await open("national@atelier.test", id);
    await Promise.all([editor, lecteur, partenaire, national].map(synced));
    write(lecteur, "Écrit par le lecteur");
    write(lecteur, "Encore le lecteur");
    write(partenaire, "Écrit par le partenaire");
    write(national, "Écrit par l'équipe nationale");
    await until("refus signalé", () => lecteur.denied.length > 0 && partenaire.denied.length > 0 && national.denied.length > 0);
    expect(lecteur.denied).toEqual(["read-only"]);
    // The editor's later edit reaches the readers, so theirs would have arrived before it.
    write(editor, "Écrit par le membre");
    await until("les lecteurs reçoivent", () =>
      [lecteur, partenaire, national].every((p) => fragmentText(p.doc).includes("Écrit par le membre")),
    );
    const text = await stored(id);
    expect(text).toContain("Écrit par le membre");
    // Each reader holds only its own refused edit; nobody else ever saw it.
    const writers: [Peer, string][] = [
      [lecteur, "lecteur"],
      [partenaire, "partenaire"],
      [national, "nationale"],
    ];
    for (const peer of [editor, lecteur, partenaire, national]) {
      for (const [writer, word] of writers) if (writer !== peer) expect(fragmentText(peer.doc)).not.toContain(word);
    }
    expect(text).not.toMatch(/lecteur|partenaire|nationale/);
    // Their presence is relayed.
    lecteur.provider.awareness.setLocalStateField("user", { name: "Lectrice" });
    await until("présence du lecteur", () =>
      [...editor.provider.awareness.getStates().values()].some((s) => s.user?.name === "Lectrice"),
    );
  });

  it("refuses a foreign Origin at the upgrade, and says why to the unauthenticated and the unauthorised", async () => {
    const id = await newDocument();
    const foreign = new WebSocket(`${server.url.replace("http", "ws")}/collab/${id}`, {
      headers: { origin: "https://ailleurs.example" },
    });
    const status = await new Promise<number>((resolve) => foreign.on("unexpected-response", (_req, res) => resolve(res.statusCode!)));
    expect(status).toBe(403);
    const anonymous = await open(null, id);
    const stranger = await open("membre.sud-ouest@atelier.test", id);
    const unknown = await open("membre.grand-sud@atelier.test", "00000000-0000-4000-8000-000000000000");
    await until("refus", () => anonymous.closes.length > 0 && stranger.closes.length > 0 && unknown.closes.length > 0);
    expect(anonymous.closes[0]!.code).toBe(COLLAB_CLOSE.unauthenticated.code);
    expect(stranger.closes[0]!.code).toBe(COLLAB_CLOSE.forbidden.code);
    expect(unknown.closes[0]!.code).toBe(COLLAB_CLOSE.notFound.code);
    expect(fragmentText(stranger.doc)).toBe("");
  });

  it("closes the socket of a member removed from the space, on the bus event", async () => {
    const id = await newDocument();
    const membre = await open("membre.grand-sud@atelier.test", id);
    await synced(membre);
    const [user] = await server.services.db.query<{ id: string }>("SELECT id FROM users WHERE email = 'membre.grand-sud@atelier.test'");
    await server.services.db.query("DELETE FROM memberships WHERE user_id = $1 AND space_id = $2", [user!.id, grandSud]);
    server.services.bus.accessChanged({ kind: "membership", userId: user!.id, spaceId: grandSud });
    await until("socket fermée", () => membre.closes.length > 0, 5000);
    expect(membre.closes[0]).toEqual({ code: COLLAB_CLOSE.accessRemoved.code, reason: "Accès retiré" });
    await server.services.db.query("INSERT INTO memberships (user_id, space_id, role) VALUES ($1, $2, 'membre')", [user!.id, grandSud]);
  });

  it("closes the socket of a lecteur the pilote removes through the members API", async () => {
    const id = await newDocument();
    const lecteur = await open("lecteur.grand-sud@atelier.test", id);
    await synced(lecteur);
    const [user] = await server.services.db.query<{ id: string }>("SELECT id FROM users WHERE email = 'lecteur.grand-sud@atelier.test'");
    const pilote = await server.as("pilote.grand-sud@atelier.test");
    expect((await pilote.delete(`/api/spaces/${grandSud}/members/${user!.id}`)).status).toBe(204);
    await until("socket fermée", () => lecteur.closes.length > 0, 5000);
    expect(lecteur.closes[0]!.code).toBe(COLLAB_CLOSE.accessRemoved.code);
    // 4400–4499: the stock client does not come back.
    expect(lecteur.provider.shouldConnect).toBe(false);
    await server.services.db.query("INSERT INTO memberships (user_id, space_id, role) VALUES ($1, $2, 'lecteur')", [user!.id, grandSud]);
  });

  it("downgrades a member made lecteur to read-only without closing", async () => {
    const id = await newDocument();
    const other = await open("pilote.grand-sud@atelier.test", id);
    const membre = await open("membre.grand-sud@atelier.test", id);
    await Promise.all([other, membre].map(synced));
    const [user] = await server.services.db.query<{ id: string }>("SELECT id FROM users WHERE email = 'membre.grand-sud@atelier.test'");
    await server.services.db.query("UPDATE memberships SET role = 'lecteur' WHERE user_id = $1 AND space_id = $2", [user!.id, grandSud]);
    server.services.bus.accessChanged({ kind: "membership", userId: user!.id, spaceId: grandSud });
    await until("averti", () => membre.denied.length > 0, 5000);
    write(membre, "Après rétrogradation");
    write(other, "Le pilote écrit");
    await until("le membre reçoit", () => fragmentText(membre.doc).includes("Le pilote écrit"));
    expect(fragmentText(other.doc)).not.toContain("Après rétrogradation");
    expect(await stored(id)).not.toContain("Après rétrogradation");
    expect(membre.closes).toEqual([]);
    await server.services.db.query("UPDATE memberships SET role = 'membre' WHERE user_id = $1 AND space_id = $2", [user!.id, grandSud]);
  });

  it("closes the sockets of a document moved to the trash", async () => {
    const id = await newDocument();
    const lecteur = await open("lecteur.grand-sud@atelier.test", id);
    await synced(lecteur);
    const membre = await server.as("membre.grand-sud@atelier.test");
    expect((await membre.delete(`/api/documents/${id}`)).status).toBe(200);
    await until("socket fermée", () => lecteur.closes.length > 0, 5000);
    expect(lecteur.closes[0]!.code).toBe(COLLAB_CLOSE.notFound.code);
  });

  it("closes a socket that stops answering pings, and keeps the live ones", async () => {
    const id = await newDocument();
    const live = await open("membre.grand-sud@atelier.test", id);
    await synced(live);
    const membre = await server.as("membre.grand-sud@atelier.test");
    const dead = new WebSocket(`${server.url.replace("http", "ws")}/collab/${id}`, {
      headers: { origin: membre.origin, cookie: membre.cookieHeader },
      autoPong: false,
    });
    const closed = new Promise<number>((resolve) => dead.on("close", (code) => resolve(code)));
    expect(await closed).toBe(1006);
    await new Promise((r) => setTimeout(r, 700));
    expect(live.provider.wsconnected).toBe(true);
    expect(live.closes).toEqual([]);
  });

  it("closes the connections with a clear reason when a write fails, then stores the edits they resend", async () => {
    const id = await newDocument();
    const a = await open("membre.grand-sud@atelier.test", id);
    const b = await open("pilote.grand-sud@atelier.test", id);
    await Promise.all([a, b].map(synced));
    const db = server.services.db;
    // A real failure of the database, for this document only.
    await db.exec(`
      CREATE FUNCTION refuse_${id.replaceAll("-", "")}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'disque plein (simulé)'; END $$;
      CREATE TRIGGER refuse BEFORE INSERT ON document_updates FOR EACH ROW
        WHEN (NEW.document_id = '${id}') EXECUTE FUNCTION refuse_${id.replaceAll("-", "")}();`);
    write(a, "Pendant la panne");
    await until("fermeture", () => a.closes.length > 0 && b.closes.length > 0);
    expect(a.closes[0]).toEqual({ code: COLLAB_CLOSE.storageFailed.code, reason: COLLAB_CLOSE.storageFailed.reason });
    expect(fragmentText(b.doc)).not.toContain("Pendant la panne");
    await db.exec("DROP TRIGGER refuse ON document_updates");
    // 4500–4599: the stock client comes back and sends what the server lacks.
    await until("renvoyé et relayé", () => fragmentText(b.doc).includes("Pendant la panne"));
    expect(await stored(id)).toContain("Pendant la panne");
  });
});
