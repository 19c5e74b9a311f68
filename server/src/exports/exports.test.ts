/**
 * Export through HTTP: a document holding every node and mark of the schema, with an attached image,
 * an open comment and a named version, exported to each format; LibreOffice and poppler open the files
 * and give back the document's text. Readers export; a person without access gets 403 or 404.
 */
import { randomUUID } from "node:crypto";
import { strFromU8, unzipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { spaceId, startTestServer, type Client, type TestServer } from "../../test/harness.js";
import { attach } from "../attachments/test-helpers.js";
import { loadYDoc } from "../documents/content.js";
import { everythingUpdate, libreOffice, missingInOrder, poppler, words } from "./test-helpers.js";

let server: TestServer;
let membre: Client;
let lecteur: Client;
let id: string;
let text: string;

const QUOTE = "Fin du document";
const COMMENT = "Ajouter la date du prochain comité.";

async function exported(client: Client, query: string) {
  const res = await client.raw("GET", `/api/documents/${id}/export?${query}`);
  return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
}

const b64 = (pos: Y.RelativePosition) => Buffer.from(Y.encodeRelativePosition(pos)).toString("base64");

/** The anchor the editor makes when someone selects `quote`: relative positions in its text. */
async function anchorOn(quote: string) {
  const doc = await loadYDoc(server.services.db, id);
  const texts = (doc.getXmlFragment("default").toArray() as Y.XmlElement[]).flatMap((el) => el.toArray?.() ?? []);
  const target = texts.find((x): x is Y.XmlText => x instanceof Y.XmlText && x.toString().includes(quote))!;
  const start = target.toString().indexOf(quote);
  return { from: b64(Y.createRelativePositionFromTypeIndex(target, start)), to: b64(Y.createRelativePositionFromTypeIndex(target, start + quote.length, -1)) };
}

beforeAll(async () => {
  server = await startTestServer();
  const grandSud = await spaceId(server, "grand-sud");
  membre = await server.as("membre.grand-sud@atelier.test");
  lecteur = await server.as("lecteur.grand-sud@atelier.test");
  // An empty document, then every node of the schema in it (a template would add its own headings).
  id = randomUUID();
  await server.services.db.query("INSERT INTO documents (id, space_id, title, kind) VALUES ($1, $2, 'Bilan : Grand-Sud / 2026', 'livrable')", [id, grandSud]);
  const image = await attach(membre, id, "carte.png");
  await server.services.db.tx((q) => server.services.content.store(q, id, [everythingUpdate(image.body.url)]));
  text = (await lecteur.get(`/api/documents/${id}/content?format=text`)).body.content;
  const thread = await membre.post(`/api/documents/${id}/comments`, { anchor: await anchorOn(QUOTE), quote: QUOTE, body: COMMENT });
  expect(thread.status).toBe(201);
  await membre.post(`/api/documents/${id}/comments/${thread.body.thread.id}/replies`, { body: "D'accord, je l'ajoute." });
}, 60_000);

describe("document export", () => {
  it("gives DOCX and ODT files LibreOffice opens with the document's text, cover and contents, images and comments", async () => {
    const docx = await exported(lecteur, "format=docx&comments=true");
    const odt = await exported(lecteur, "format=odt&comments=true");
    expect(docx.status).toBe(200);
    expect(odt.status).toBe(200);
    expect(docx.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    expect(odt.headers.get("content-type")).toBe("application/vnd.oasis.opendocument.text");
    // Named from the title, without what no file system takes.
    expect(docx.headers.get("content-disposition")).toContain(`filename*=UTF-8''Bilan%20Grand-Sud%202026.docx`);

    const txt = await libreOffice({ "export.docx": docx.bytes, "export.odt": odt.bytes }, "txt:Text");
    for (const name of ["export.docx", "export.odt"]) {
      const out = txt[name]!.toString("utf8");
      expect(missingInOrder(text, out), name).toEqual([]);
      for (const fact of ["Comité", "Grand-Sud", "Livrable", "Brouillon", "Version en cours", "Sommaire"]) expect(out, name).toContain(fact);
    }
    // The contents lists the headings before the text holds them.
    const fromDocx = words(txt["export.docx"]!.toString("utf8"));
    expect(fromDocx.indexOf("Leviers d'actions")).toBeLessThan(fromDocx.indexOf("Un texte gras"));

    const docxParts = unzipSync(docx.bytes);
    expect(Object.keys(docxParts).some((p) => p.startsWith("word/media/"))).toBe(true);
    expect(strFromU8(docxParts["word/footer1.xml"]!)).toContain("PAGE");
    const odtParts = unzipSync(odt.bytes);
    expect(Object.keys(odtParts).some((p) => p.startsWith("Pictures/"))).toBe(true);

    // Real comments: LibreOffice reads the Word comment as its own annotation, on the quoted words.
    const reread = await libreOffice({ "comments.docx": docx.bytes }, "odt");
    const content = strFromU8(unzipSync(reread["comments.docx"]!)["content.xml"]!);
    expect(content).toContain("office:annotation");
    expect(content).toContain(COMMENT);
    const ownContent = strFromU8(odtParts["content.xml"]!);
    expect(ownContent).toMatch(new RegExp(`<office:annotation [^>]*>.*${COMMENT}.*</office:annotation>${QUOTE}<office:annotation-end`));
  }, 240_000);

  it("gives a PDF with a cover, contents, page numbers, the image and the comments as end notes", async () => {
    const pdf = await exported(lecteur, "format=pdf&comments=true");
    expect(pdf.status).toBe(200);
    expect(Buffer.from(pdf.bytes.subarray(0, 5)).toString()).toBe("%PDF-");
    const { text: out, images } = await poppler(pdf.bytes);
    // A comment's number follows its passage: "Fin du document[1]."
    expect(out).toContain(`${QUOTE}[1]`);
    expect(missingInOrder(text, out.replace(/\[\d+\]/g, ""))).toEqual([]);
    expect(out).toContain("Sommaire");
    expect(out).toMatch(/Page 1 sur \d/);
    expect(out).toContain(COMMENT);
    expect(out).toContain("D'accord, je l'ajoute.");
    expect(images).toBe(1);
  }, 60_000);

  it("gives Markdown and HTML holding the text, the image inlined and no script", async () => {
    const md = await exported(lecteur, "format=md");
    const markdown = new TextDecoder().decode(md.bytes);
    expect(md.headers.get("content-type")).toContain("text/markdown");
    expect(markdown).toContain("# Diagnostic partagé");
    expect(markdown).toContain("**gras**");
    expect(markdown).toContain("- [x] Tâche faite");
    expect(markdown).toMatch(/\| Levier \| Porteur \|/);
    expect(markdown).toContain("](https://www.egalite-territoires.gouv.fr/)");
    expect(markdown).toContain("![Carte du territoire](data:image/png;base64,");

    const html = new TextDecoder().decode((await exported(lecteur, "format=html&comments=true")).bytes);
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<h3 id="titre-leviers-d-actions">');
    expect(html).toContain('href="#titre-leviers-d-actions"');
    expect(html).toContain('src="data:image/png;base64,');
    expect(html).toContain("@media print");
    expect(html).toContain(COMMENT);
    expect(html).not.toMatch(/<script|\/api\/attachments\//);
  });

  it("exports a named version as it was, named on the cover", async () => {
    const named = await membre.post(`/api/documents/${id}/versions`, { name: "Version pour le COPIL" });
    expect(named.status).toBe(201);
    // Text written after the version is not in its export.
    const later = new Y.Doc();
    Y.applyUpdate(later, Y.encodeStateAsUpdate(await loadYDoc(server.services.db, id)));
    const paragraph = new Y.XmlElement("paragraph");
    paragraph.insert(0, [new Y.XmlText("Ajout postérieur à la version")]);
    const before = Y.encodeStateVector(later);
    later.getXmlFragment("default").push([paragraph]);
    await server.services.db.tx((q) => server.services.content.store(q, id, [Y.encodeStateAsUpdate(later, before)]));

    const html = new TextDecoder().decode((await exported(lecteur, `format=html&version=${named.body.version.id}`)).bytes);
    expect(html).toContain("Version pour le COPIL");
    expect(html).toContain("Fin du document.");
    expect(html).not.toContain("Ajout postérieur");
    expect(new TextDecoder().decode((await exported(lecteur, "format=html")).bytes)).toContain("Ajout postérieur");
    expect((await exported(lecteur, `format=html&version=${randomUUID()}`)).status).toBe(404);
  });

  it("refuses a bad format naming it, and anyone who may not read the document", async () => {
    const bad = await lecteur.get(`/api/documents/${id}/export?format=rtf`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/Format/);
    const outsider = await server.as("membre.sud-ouest@atelier.test");
    expect((await outsider.get(`/api/documents/${id}/export?format=pdf`)).status).toBe(403);
    expect((await server.client().get(`/api/documents/${id}/export?format=pdf`)).status).toBe(401);
    expect((await lecteur.get(`/api/documents/${randomUUID()}/export?format=pdf`)).status).toBe(404);
  });
});
