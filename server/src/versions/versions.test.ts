/**
 * Versions through HTTP and the stock y-websocket client: automatic versions with their authors,
 * naming, reading, comparing, and restoring while people edit.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { spaceId, startTestServer, type Client, type TestServer } from "../../test/harness.js";
import { connect, readStored, fragmentText, synced, until, write, type Peer } from "../collab/test-helpers.js";

let server: TestServer;
let grandSud: string;
let membre: Client;
let pilote: Client;
let lecteur: Client;
const peers: Peer[] = [];

beforeAll(async () => {
  server = await startTestServer({ VERSION_AUTO_PAUSE_MS: "300", VERSION_AUTO_EVERY_MS: "60000" });
  grandSud = await spaceId(server, "grand-sud");
  membre = await server.as("membre.grand-sud@atelier.test");
  pilote = await server.as("pilote.grand-sud@atelier.test");
  lecteur = await server.as("lecteur.grand-sud@atelier.test");
});
afterEach(() => peers.splice(0).forEach((p) => p.destroy()));
afterAll(() => server.close());

async function newDocument() {
  const r = await membre.post(`/api/spaces/${grandSud}/documents`, { title: "Livrable versionné", kind: "livrable" });
  expect(r.status).toBe(201);
  return r.body.document.id as string;
}

function open(client: Client, documentId: string) {
  const peer = connect(server.url, client, documentId);
  peers.push(peer);
  return peer;
}

/** The first paragraph holding `needle`, as the editor would change it. */
const paragraphWith = (peer: Peer, needle: string) =>
  peer.doc
    .getXmlFragment("default")
    .toArray()
    .find((n): n is Y.XmlElement => n instanceof Y.XmlElement && n.toString().includes(needle))!;

const stored = (documentId: string) => readStored(server.services.db, documentId, fragmentText);

describe("versions", () => {
  it("keeps a version after a pause in editing, with its authors", async () => {
    const id = await newDocument();
    const a = open(membre, id);
    await synced(a);
    write(a, "Premier état des lieux de Grand-Sud");
    let versions: any[] = [];
    await until("version automatique", async () => {
      versions = (await lecteur.get(`/api/documents/${id}/versions`)).body.versions;
      return versions.length === 1;
    });
    expect(versions[0]).toMatchObject({ kind: "auto", name: null, authors: [{ name: expect.stringMatching(/\S/) }] });
    const r = await lecteur.get(`/api/documents/${id}/versions/${versions[0].id}`);
    expect(r.status).toBe(200);
    expect(r.body.text).toContain("Premier état des lieux de Grand-Sud");
    expect(r.body.html).toContain("<p>Premier état des lieux de Grand-Sud</p>");
  });

  it("names the current state and an existing version; a lecteur reads them but names nothing", async () => {
    const id = await newDocument();
    const named = await membre.post(`/api/documents/${id}/versions`, { name: "présentée au COPIL du 4 décembre" });
    expect(named.status).toBe(201);
    expect(named.body.version).toMatchObject({ kind: "named", name: "présentée au COPIL du 4 décembre" });
    const renamed = await pilote.patch(`/api/documents/${id}/versions/${named.body.version.id}`, { name: "COPIL du 5 décembre" });
    expect(renamed.body.version.name).toBe("COPIL du 5 décembre");
    const list = await lecteur.get(`/api/documents/${id}/versions`);
    expect(list.body).toMatchObject({ versions: [{ name: "COPIL du 5 décembre" }], can: { name: false, restore: false } });
    expect((await lecteur.post(`/api/documents/${id}/versions`, { name: "non" })).status).toBe(403);
  });

  it("refuses bad input: unknown versions are 404, names are bounded", async () => {
    const id = await newDocument();
    expect((await lecteur.get(`/api/documents/${id}/versions/${crypto.randomUUID()}`)).status).toBe(404);
    expect((await lecteur.get(`/api/documents/${id}/versions/pas-un-id`)).status).toBe(404);
    expect((await membre.post(`/api/documents/${id}/versions/${crypto.randomUUID()}/restore`)).status).toBe(404);
    expect((await membre.post(`/api/documents/${id}/versions`, { name: "  " })).status).toBe(400);
    expect((await membre.post(`/api/documents/${id}/versions`, { name: "x".repeat(201) })).status).toBe(400);
    expect((await lecteur.get(`/api/documents/${crypto.randomUUID()}/versions`)).status).toBe(404);
    const v = (await membre.post(`/api/documents/${id}/versions`, { name: "v" })).body.version.id;
    expect((await lecteur.get(`/api/documents/${id}/versions/${v}/diff?against=autre`)).status).toBe(400);
    expect((await lecteur.get(`/api/documents/${id}/versions/${v}/diff?against=${crypto.randomUUID()}`)).status).toBe(404);
    // A version belongs to its document only.
    const other = await newDocument();
    expect((await lecteur.get(`/api/documents/${other}/versions/${v}`)).status).toBe(404);
  });

  it("compares a version with the current text block by block, then word by word", async () => {
    const id = await newDocument();
    const a = open(membre, id);
    await synced(a);
    write(a, "Les maisons départementales accueillent les familles");
    write(a, "Un paragraphe qui sera supprimé");
    await until("enregistré", async () => (await stored(id)).includes("supprimé"));
    const v1 = (await membre.post(`/api/documents/${id}/versions`, { name: "avant" })).body.version.id;
    a.doc.transact(() => {
      const p = paragraphWith(a, "maisons");
      const t = p.get(0) as Y.XmlText;
      t.delete(4, "maisons départementales".length);
      t.insert(4, "antennes locales");
      const gone = paragraphWith(a, "supprimé");
      a.doc.getXmlFragment("default").delete(a.doc.getXmlFragment("default").toArray().indexOf(gone), 1);
    });
    write(a, "Une conclusion nouvelle");
    await until("enregistré", async () => (await stored(id)).includes("conclusion"));
    const r = await lecteur.get(`/api/documents/${id}/versions/${v1}/diff?against=current`);
    expect(r.status).toBe(200);
    const changed = r.body.blocks.filter((b: any) => b.status !== "equal");
    expect(changed).toEqual([
      {
        status: "change",
        type: "paragraph",
        level: null,
        segments: [
          { op: "equal", text: "Les " },
          { op: "delete", text: "maisons départementales" },
          { op: "insert", text: "antennes locales" },
          { op: "equal", text: " accueillent les familles" },
        ],
      },
      { status: "change", type: "paragraph", level: null, segments: expect.any(Array) },
    ]);
    expect(r.body.stats).toEqual({ insertedWords: 5, deletedWords: 7, changedBlocks: 2 });
    // Headings of the template are unchanged blocks of their own type.
    expect(r.body.blocks).toContainEqual({ status: "equal", type: "heading", level: 2, segments: [{ op: "equal", text: "Contexte" }] });
  });

  it("restores a version while two clients edit: everyone converges on it plus their later edits", async () => {
    const id = await newDocument();
    const a = open(membre, id);
    const b = open(pilote, id);
    await Promise.all([synced(a), synced(b)]);
    write(a, "Texte de la version présentée");
    await until("enregistré", async () => (await stored(id)).includes("présentée"));
    const v1 = (await membre.post(`/api/documents/${id}/versions`, { name: "COPIL du 4 décembre" })).body.version;
    const wanted = await stored(id);
    write(a, "Ajout de A à écarter");
    write(b, "Ajout de B à écarter");
    await until("enregistré", async () => (await stored(id)).includes("B à écarter") && (await stored(id)).includes("A à écarter"));

    // Both keep typing while the restore happens.
    let n = 0;
    const typing = setInterval(() => {
      n++;
      (paragraphWith(a, "présentée").get(0) as Y.XmlText).insert(0, `a${n} `);
      (paragraphWith(b, "présentée").get(0) as Y.XmlText).insert(0, `b${n} `);
    }, 5);
    const restored = await pilote.post(`/api/documents/${id}/versions/${v1.id}/restore`);
    clearInterval(typing);
    expect(restored.status).toBe(201);
    expect(restored.body.version).toMatchObject({ kind: "restore", restoredFrom: v1.id });

    write(a, "Suite de A après restauration");
    write(b, "Suite de B après restauration");
    const same = async () => {
      const s = await stored(id);
      return fragmentText(a.doc) === s && fragmentText(b.doc) === s && s.includes("Suite de A") && s.includes("Suite de B");
    };
    await until("convergence", same);
    const text = fragmentText(a.doc);
    expect(text).not.toContain("à écarter");
    expect(text).toContain("Texte de la version présentée");
    expect(text).toContain("Contexte");
    // Apart from what was typed during and after the restore, it is the version's text.
    const strip = (s: string) => s.replace(/[ab]\d+ /g, "").replace(/<paragraph>Suite de [AB] après restauration<\/paragraph>/g, "");
    expect(strip(text)).toBe(strip(wanted));

    const list = (await membre.get(`/api/documents/${id}/versions`)).body.versions;
    expect(list[0]).toMatchObject({ kind: "restore", restoredFrom: v1.id, createdBy: { name: expect.any(String) } });
    // What the restore replaced was kept as a version first.
    expect(list.map((v: any) => v.kind)).toContain("auto");
    const [entry] = await server.services.db.query<{ target_id: string }>(
      "SELECT target_id FROM audit_log WHERE kind = 'version.restored' AND target_id = $1",
      [id],
    );
    expect(entry).toBeDefined();
  });

  it("restores a document nobody has open, and a lecteur may not restore", async () => {
    const id = await newDocument();
    const v1 = (await membre.post(`/api/documents/${id}/versions`, { name: "modèle" })).body.version;
    const a = open(membre, id);
    await synced(a);
    write(a, "Paragraphe ajouté");
    await until("enregistré", async () => (await stored(id)).includes("ajouté"));
    a.destroy();
    expect((await lecteur.post(`/api/documents/${id}/versions/${v1.id}/restore`)).status).toBe(403);
    expect((await membre.post(`/api/documents/${id}/versions/${v1.id}/restore`)).status).toBe(201);
    expect(await stored(id)).not.toContain("ajouté");
    const c = open(pilote, id);
    await synced(c);
    expect(fragmentText(c.doc)).not.toContain("ajouté");
    expect(fragmentText(c.doc)).toContain("Contexte");
  });
});
