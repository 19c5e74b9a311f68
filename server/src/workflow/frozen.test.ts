/**
 * Validated means frozen: at "validé" and "transmis" nobody changes the text, not on the socket
 * (open sockets switch to read-only at the moment of the change) nor through HTTP; the pilote's
 * "Rouvrir" and the national team's request for changes give the text back to its writers.
 */
import { FROZEN_MESSAGES, type DocumentStatus } from "@atelier/shared";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type Client, type TestServer } from "../../test/harness.js";
import { attach } from "../attachments/test-helpers.js";
import { connect, fragmentText, readStored, synced, until, write, type Peer } from "../collab/test-helpers.js";
import { ADMIN, documentAt, MEMBRE, NATIONAL, PILOTE } from "./test-helpers.js";

let server: TestServer;
const clients = new Map<string, Client>();
const as = async (email: string) => {
  if (!clients.has(email)) clients.set(email, await server.as(email));
  return clients.get(email)!;
};
const peers: Peer[] = [];

beforeAll(async () => {
  server = await startTestServer();
});
afterEach(() => peers.splice(0).forEach((p) => p.destroy()));

async function open(email: string, documentId: string) {
  const peer = connect(server.url, await as(email), documentId);
  peers.push(peer);
  await synced(peer);
  return peer;
}

const stored = (documentId: string) => readStored(server.services.db, documentId, fragmentText);

/**
 * Resolves once the server has handled everything `peer` sent before: its presence, sent after,
 * reaches `witness` only then (each socket's frames are handled in order).
 */
async function handled(peer: Peer, witness: Peer) {
  const mark = crypto.randomUUID();
  peer.provider.awareness.setLocalStateField("barrier", mark);
  await until("présence relayée", () =>
    [...witness.provider.awareness.getStates().values()].some((s) => (s as { barrier?: string }).barrier === mark),
  );
}

const move = async (email: string, id: string, to: DocumentStatus, comment?: string) => {
  const r = await (await as(email)).post(`/api/documents/${id}/status`, { to, comment });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
};

describe("a frozen document on the socket", () => {
  it.each(["valide", "transmis"] as const)("refuses every writer's updates at %s: not applied, stored nor relayed", async (status) => {
    const id = await documentAt(server, status);
    const before = await stored(id);
    const witness = await open(PILOTE, id);
    for (const email of [MEMBRE, PILOTE, ADMIN]) {
      const peer = await open(email, id);
      write(peer, `Ajout de ${email} après validation`);
      await until("refus signalé", () => peer.denied.length > 0);
      await handled(peer, witness);
    }
    expect(await stored(id)).toBe(before);
    expect(fragmentText(witness.doc)).toBe(before);
  });

  it("switches open sockets to read-only at validation, and writes again after the pilote reopens", async () => {
    const id = await documentAt(server, "en-relecture");
    const writer = await open(MEMBRE, id);
    const other = await open(MEMBRE, id);
    write(writer, "Écrit pendant la relecture.");
    await until("écriture stockée", async () => (await stored(id)).includes("Écrit pendant la relecture."));

    await move(PILOTE, id, "valide");
    // Told at once, before trying to write.
    await until("passage en lecture seule signalé", () => writer.denied.length > 0 && other.denied.length > 0);
    write(writer, "Écrit après la validation.");
    await handled(writer, other);
    expect(await stored(id)).not.toContain("Écrit après la validation.");
    expect(fragmentText(other.doc)).not.toContain("Écrit après la validation.");

    await move(PILOTE, id, "brouillon", "Le diagnostic doit intégrer les chiffres de 2014.");
    // The web app opens a new connection when the right to write comes back (the protocol has no "you may write again").
    const fresh = await open(MEMBRE, id);
    write(fresh, "Et par une nouvelle connexion.");
    await until("écriture stockée", async () => (await stored(id)).includes("Et par une nouvelle connexion."));
    expect(fresh.denied).toEqual([]);
  });

  it("gives the text back to its writers when the national team asks for changes", async () => {
    const id = await documentAt(server, "transmis");
    await move(NATIONAL, id, "modifications-demandees", "Citez les partenaires mobilisés.");
    const peer = await open(MEMBRE, id);
    write(peer, "Partenaires : l'UNIOPSS et les CCAS.");
    await until("écriture stockée", async () => (await stored(id)).includes("Partenaires : l'UNIOPSS et les CCAS."));
  });
});

describe("a frozen document through HTTP", () => {
  it.each(["valide", "transmis"] as const)("refuses at %s to restore a version or attach a file, changing nothing", async (status) => {
    const id = await documentAt(server, "en-relecture");
    const named = await (await as(MEMBRE)).post(`/api/documents/${id}/versions`, { name: "Avant validation" });
    expect(named.status).toBe(201);
    await documentAtFrom(id, status);
    const before = await stored(id);
    const versions = (await (await as(ADMIN)).get(`/api/documents/${id}/versions`)).body.versions.length;
    for (const email of [MEMBRE, PILOTE, ADMIN]) {
      const client = await as(email);
      const restore = await client.post(`/api/documents/${id}/versions/${named.body.version.id}/restore`);
      expect(restore.status, email).toBe(403);
      expect(restore.body.error.message).toBe(FROZEN_MESSAGES[status]);
      const attached = await attach(client, id, "schema.png");
      expect(attached.status, email).toBe(403);
      expect(attached.body.error.message).toBe(FROZEN_MESSAGES[status]);
      const doc = (await client.get(`/api/documents/${id}`)).body.document;
      expect(doc.can).toMatchObject({ editContent: false, comment: true });
      expect((await client.get(`/api/documents/${id}/versions`)).body.can.restore).toBe(false);
    }
    expect(await stored(id)).toBe(before);
    expect((await (await as(ADMIN)).get(`/api/documents/${id}/versions`)).body.versions).toHaveLength(versions);
    const rows = await server.services.db.query("SELECT id FROM attachments WHERE document_id = $1", [id]);
    expect(rows).toEqual([]);
  });

  it("lets the pilote reopen with a reason, kept with who in the history and the audit; then the text is writable again", async () => {
    const id = await documentAt(server, "valide");
    const membre = await as(MEMBRE);
    expect((await membre.get(`/api/documents/${id}/status`)).body.allowed).toEqual([]);
    const offered = (await (await as(PILOTE)).get(`/api/documents/${id}/status`)).body.allowed;
    expect(offered).toContainEqual({ to: "brouillon", label: "Rouvrir", commentRequired: true, commentLabel: "Motif de la réouverture" });

    const reason = "Le COPIL du 4 décembre a demandé d'ajouter le budget.";
    const reply = await move(PILOTE, id, "brouillon", reason);
    expect(reply.status).toBe("brouillon");
    expect(reply.history[0]).toMatchObject({ from: "valide", to: "brouillon", comment: reason, actor: { name: "Paul Pilote" } });
    const audit = await (await as(ADMIN)).get(`/api/audit?kind=document.status_changed`);
    const entry = audit.body.entries.find((e: { targetId: string; details: { to: string } }) => e.targetId === id && e.details.to === "brouillon");
    expect(entry.details).toMatchObject({ from: "valide", to: "brouillon", comment: reason });

    expect((await membre.get(`/api/documents/${id}`)).body.document.can.editContent).toBe(true);
    expect((await attach(membre, id, "budget.png")).status).toBe(201);
  });
});

/** Moves a document already under review on to `status`, by the pilote. */
async function documentAtFrom(id: string, status: "valide" | "transmis") {
  await move(PILOTE, id, "valide");
  if (status === "transmis") await move(PILOTE, id, "transmis");
}
