/**
 * The national synthesis through HTTP and the stock y-websocket client: three territories' livrables
 * written by their committees and transmitted, gathered under each committee's name; a source
 * reopened and edited shows "modifié depuis" and is refreshed in place; a source added; and what
 * is refused, leaving nothing behind.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { spaceId, startTestServer, type Client, type TestServer } from "../../test/harness.js";
import { connect, synced, until, type Peer } from "../collab/test-helpers.js";
import { ADMIN, moveTo, NATIONAL, newDocument } from "../workflow/test-helpers.js";

let server: TestServer;
let national: Client;
let nationalSpace: string;
const peers: Peer[] = [];
/** The three livrables, by territory. */
const livrables: Record<"grand-sud" | "sud-ouest" | "nord", string> = { "grand-sud": "", "sud-ouest": "", nord: "" };

function open(client: Client, documentId: string) {
  const peer = connect(server.url, client, documentId);
  peers.push(peer);
  return peer;
}

/** Types `text` at the start of the paragraph that follows the heading `heading` (a new one if none), as a person in the editor would. */
function typeUnder(peer: Peer, heading: string, text: string) {
  const fragment = peer.doc.getXmlFragment("default");
  const blocks = fragment.toArray();
  const at = blocks.findIndex((b) => b instanceof Y.XmlElement && b.nodeName === "heading" && b.toString().includes(`>${heading}<`));
  const next = blocks[at + 1];
  if (next instanceof Y.XmlElement && next.nodeName === "paragraph") {
    const first = next.get(0);
    if (first instanceof Y.XmlText) first.insert(0, text);
    else next.insert(0, [new Y.XmlText(text)]);
    return;
  }
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [new Y.XmlText(text)]);
  fragment.insert(at + 1, [paragraph]);
}

/** Writes through the socket as `email`, and waits until the server stored it. */
async function writeAs(email: string, documentId: string, edits: [heading: string, text: string][]) {
  const peer = open(await server.as(email), documentId);
  await synced(peer);
  for (const [heading, text] of edits) typeUnder(peer, heading, text);
  await until("texte enregistré", async () => {
    const content = (await national.get(`/api/documents/${documentId}/content`)).body.content as string;
    return edits.every(([, text]) => content.includes(text));
  });
  peer.destroy();
}

const text = async (id: string) => (await national.get(`/api/documents/${id}/content`)).body.content as string;
const nationalDocuments = async () => (await national.get(`/api/spaces/${nationalSpace}/documents`)).body.documents as { id: string }[];
const versionCount = async (id: string) => ((await national.get(`/api/documents/${id}/versions`)).body.versions as unknown[]).length;

beforeAll(async () => {
  server = await startTestServer();
  national = await server.as(NATIONAL);
  nationalSpace = await spaceId(server, "copil-national");
  // The three committees write at the same time, as they would.
  await Promise.all(
    (Object.keys(livrables) as (keyof typeof livrables)[]).map(async (slug) => {
      const id = await newDocument(server, { space: slug, by: ADMIN, title: `Livrable ${slug}`, themes: ["place-des-usagers"] });
      livrables[slug] = id;
      await writeAs(ADMIN, id, [
        ["Premier état des lieux", `Constat de ${slug} sur l'accès aux droits.`],
        ["Leviers d'actions", `Levier proposé par ${slug}.`],
      ]);
      await moveTo(server, id, "transmis", ADMIN);
    }),
  );
}, 120_000);
afterEach(() => peers.splice(0).forEach((p) => p.destroy()));
afterAll(() => server.close());

describe("the national synthesis", () => {
  let synthesis: string;

  it("gathers each livrable's sections under its committee's name, quoted from the version transmitted", async () => {
    const sources = [livrables["grand-sud"], livrables["sud-ouest"], livrables.nord];
    const r = await national.post(`/api/spaces/${nationalSpace}/syntheses`, { title: "Synthèse nationale 2026", sources });
    expect(r.status).toBe(201);
    synthesis = r.body.id;

    const doc = (await national.get(`/api/documents/${synthesis}`)).body.document;
    expect(doc).toMatchObject({ kind: "synthese", title: "Synthèse nationale 2026", spaceId: nationalSpace, themes: ["place-des-usagers"] });
    expect(await text(synthesis)).toBe(
      [
        "Diagnostic partagé",
        "COPIL territorial Grand-Sud — Livrable grand-sud", "Constat de grand-sud sur l'accès aux droits.",
        "COPIL territorial Sud-Ouest — Livrable sud-ouest", "Constat de sud-ouest sur l'accès aux droits.",
        "COPIL territorial Nord — Livrable nord", "Constat de nord sur l'accès aux droits.",
        "Pratiques inspirantes",
        "COPIL territorial Grand-Sud — Livrable grand-sud", "La section « Pratiques inspirantes » de ce document est vide.",
        "COPIL territorial Sud-Ouest — Livrable sud-ouest", "La section « Pratiques inspirantes » de ce document est vide.",
        "COPIL territorial Nord — Livrable nord", "La section « Pratiques inspirantes » de ce document est vide.",
        "Leviers d'actions",
        "COPIL territorial Grand-Sud — Livrable grand-sud", "Levier proposé par grand-sud.",
        "COPIL territorial Sud-Ouest — Livrable sud-ouest", "Levier proposé par sud-ouest.",
        "COPIL territorial Nord — Livrable nord", "Levier proposé par nord.",
      ].join("\n\n"),
    );
    const html = (await national.get(`/api/documents/${synthesis}/content?format=html`)).body.content as string;
    expect(html).toContain("<h2>Diagnostic partagé</h2><h3>COPIL territorial Grand-Sud — Livrable grand-sud</h3>");

    const reply = (await national.get(`/api/documents/${synthesis}/synthesis`)).body;
    expect(reply.can).toEqual({ edit: true });
    expect(reply.sources.map((x: { spaceName: string }) => x.spaceName)).toEqual([
      "COPIL territorial Grand-Sud", "COPIL territorial Sud-Ouest", "COPIL territorial Nord",
    ]);
    // A text "transmis" has its version already: the synthèse names it and makes none.
    for (const [i, source] of sources.entries()) {
      const versions = (await national.get(`/api/documents/${source}/versions`)).body.versions;
      expect(versions[0]).toMatchObject({ kind: "workflow", name: "Transmis au national" });
      expect(reply.sources[i]).toMatchObject({ documentId: source, changedSince: false, canRead: true, gone: false, version: { id: versions[0].id } });
    }
  });

  it("marks a source edited since as changed, compares it, and refreshes it in place, keeping the national team's text", async () => {
    const sudOuest = livrables["sud-ouest"];
    // The national team asks for changes: the committee writes again.
    await national.post(`/api/documents/${sudOuest}/status`, { to: "modifications-demandees", comment: "Merci de préciser le constat." });
    await writeAs("pilote.sud-ouest@atelier.test", sudOuest, [["Premier état des lieux", "Précision de 2026 : "]]);

    let reply = (await national.get(`/api/documents/${synthesis}/synthesis`)).body;
    expect(reply.sources.map((x: { changedSince: boolean }) => x.changedSince)).toEqual([false, true, false]);
    const quoted = reply.sources[1].version.id;
    const diff = await national.get(`/api/documents/${sudOuest}/versions/${quoted}/diff?against=current`);
    expect(diff.status).toBe(200);
    expect(JSON.stringify(diff.body)).toContain("Précision de 2026");

    // Meanwhile the national team writes its own introduction in the synthèse.
    await writeAs(NATIONAL, synthesis, [["Diagnostic partagé", "Introduction de l'équipe nationale."]]);
    const versionsBefore = await versionCount(sudOuest);
    const r = await national.post(`/api/documents/${synthesis}/synthesis/sources/${sudOuest}/refresh`);
    expect(r.status).toBe(200);
    expect(r.body.sources[1]).toMatchObject({ documentId: sudOuest, changedSince: false });
    expect(r.body.sources[1].version.id).not.toBe(quoted);
    // Its current text had no version: one was made, saying why.
    expect(await versionCount(sudOuest)).toBe(versionsBefore + 1);
    const made = (await national.get(`/api/documents/${sudOuest}/versions`)).body.versions[0];
    expect(made).toMatchObject({ id: r.body.sources[1].version.id, kind: "auto", reason: "Repris dans la synthèse nationale « Synthèse nationale 2026 »" });

    const after = await text(synthesis);
    expect(after).toContain(
      "COPIL territorial Sud-Ouest — Livrable sud-ouest\n\nPrécision de 2026 : Constat de sud-ouest sur l'accès aux droits.\n\nCOPIL territorial Nord",
    );
    expect(after.startsWith("Diagnostic partagé\n\nIntroduction de l'équipe nationale.\n\nCOPIL territorial Grand-Sud")).toBe(true);
    expect(after.match(/COPIL territorial Sud-Ouest/g)).toHaveLength(3);
  });

  it("adds a source at the end of each section", async () => {
    const corse = await newDocument(server, { space: "corse", by: ADMIN, kind: "diagnostic", title: "Diagnostic corse" });
    await writeAs(ADMIN, corse, [["Préconisations, propositions, attentes", "Préconisation corse."]]);
    const r = await national.post(`/api/documents/${synthesis}/synthesis/sources`, { documentId: corse });
    expect(r.status).toBe(201);
    expect(r.body.sources.at(-1)).toMatchObject({ documentId: corse, spaceName: "COPIL régional Corse", changedSince: false });
    const after = await text(synthesis);
    expect(after).toContain("Levier proposé par nord.\n\nCOPIL régional Corse — Diagnostic corse\n\nPréconisation corse.");
    expect(after).toContain("COPIL territorial Nord — Livrable nord\n\nConstat de nord sur l'accès aux droits.\n\nCOPIL régional Corse — Diagnostic corse\n\nLa section « Diagnostic partagé » de ce document est vide.");
    const again = await national.post(`/api/documents/${synthesis}/synthesis/sources`, { documentId: corse });
    expect(again.status).toBe(409);
  });

  it("refuses a source the person cannot read, naming it, and leaves nothing behind", async () => {
    // A member of the national space who belongs to Sud-Ouest only: Grand-Sud is out of their reach.
    const [jean] = await server.services.db.query<{ id: string }>("SELECT id FROM users WHERE email = 'pilote.sud-ouest@atelier.test'");
    await server.services.db.query("INSERT INTO memberships (user_id, space_id, role) VALUES ($1, $2, 'membre')", [jean!.id, nationalSpace]);
    const member = await server.as("pilote.sud-ouest@atelier.test");
    const before = { documents: (await nationalDocuments()).length, versions: await versionCount(livrables["sud-ouest"]) };

    const r = await member.post(`/api/spaces/${nationalSpace}/syntheses`, {
      title: "Synthèse partielle",
      sources: [livrables["sud-ouest"], livrables["grand-sud"]],
    });
    expect(r.status).toBe(403);
    expect(r.body.error).toMatchObject({ code: "source_forbidden", details: { documentId: livrables["grand-sud"], space: "COPIL territorial Grand-Sud" } });
    expect(r.body.error.message).toContain(livrables["grand-sud"]);
    expect(r.body.error.message).not.toContain("Livrable grand-sud");
    expect((await nationalDocuments()).length).toBe(before.documents);
    expect(await versionCount(livrables["sud-ouest"])).toBe(before.versions);
    // Nor can they refresh it into the synthèse they may write.
    const refresh = await member.post(`/api/documents/${synthesis}/synthesis/sources/${livrables["grand-sud"]}/refresh`);
    expect(refresh.status).toBe(403);
    const listed = (await member.get(`/api/documents/${synthesis}/synthesis`)).body.sources;
    expect(listed.map((x: { canRead: boolean }) => x.canRead)).toEqual([false, true, false, false]);

    // What they read, they may gather.
    const ok = await member.post(`/api/spaces/${nationalSpace}/syntheses`, { title: "Synthèse Sud-Ouest", sources: [livrables["sud-ouest"]] });
    expect(ok.status).toBe(201);
  });

  it("answers bad requests with what is wrong, and refuses those who do not write in the national space", async () => {
    const grandSud = await spaceId(server, "grand-sud");
    const source = [livrables.nord];
    const cases: [Client, string, unknown, number, string][] = [
      [national, grandSud, { title: "Ailleurs", sources: source }, 403, "forbidden"],
      [await server.as(ADMIN), grandSud, { title: "Ailleurs", sources: source }, 400, "not_national"],
      [national, nationalSpace, { title: "Sans source", sources: [] }, 400, "invalid_input"],
      [national, nationalSpace, { title: "", sources: source }, 400, "invalid_input"],
      [national, nationalSpace, { title: "Inconnue", sources: [crypto.randomUUID()] }, 404, "not_found"],
      [national, nationalSpace, { title: "D'une synthèse", sources: [synthesis] }, 400, "source_national"],
      [await server.as("pilote.grand-sud@atelier.test"), nationalSpace, { title: "Pilote", sources: source }, 403, "forbidden"],
    ];
    const before = (await nationalDocuments()).length;
    for (const [client, space, body, status, code] of cases) {
      const r = await client.post(`/api/spaces/${space}/syntheses`, body);
      expect([r.status, r.body.error?.code], JSON.stringify(body)).toEqual([status, code]);
      expect(r.body.error.message).toMatch(/\S/);
    }
    expect((await nationalDocuments()).length).toBe(before);
    const plain = await newDocument(server, { space: "copil-national", by: NATIONAL, kind: "synthese" });
    expect((await national.get(`/api/documents/${plain}/synthesis`)).status).toBe(404);
  });
});
