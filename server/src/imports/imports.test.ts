/**
 * Importing files through HTTP, as the web app sends them. The DOCX and ODT files are written by
 * LibreOffice in the test itself, from the fixtures' Sud-Ouest bilan and from a page holding every
 * node and mark the import keeps; the hostile files are built byte by byte. Every refusal is
 * followed by a check that nothing was left: no document, no attachment, no row, no stored object,
 * no temporary file.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import zlib from "node:zlib";
import type { CommentThread } from "@atelier/shared";
import { marked } from "marked";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spaceId, startTestServer, type Client, type TestServer } from "../../test/harness.js";
import { entry, zip } from "../../test/zip.js";
import { PNG } from "../attachments/test-helpers.js";
import { FIXTURES } from "../search/test-helpers.js";
import { importFile, sendFile } from "./test-helpers.js";

/** LibreOffice and a server start on a machine shared with others. */
const HEAVY = 180_000;

/** Every node and mark the import keeps, as a page LibreOffice opens. */
const RICH = `<!doctype html><html><head><meta charset="utf-8"><title>Riche</title></head><body>
<h1>Bilan des assises</h1>
<p>Un texte <b>gras</b>, <i>italique</i>, <u>souligné</u>, <s>barré</s> et <span style="background: #ffff00">surligné</span>, avec <a href="https://www.social-sante.gouv.fr/">un lien</a>.</p>
<h2>Constats</h2>
<ul><li>Premier constat<ul><li>Détail imbriqué</li></ul></li><li>Second constat</li></ul>
<ol><li>Étape un</li><li>Étape deux</li></ol>
<blockquote>Une citation des participants.</blockquote>
<hr>
<table border="1"><tr><th colspan="2">Budget fusionné</th></tr><tr><td>Hébergement</td><td>1200</td></tr></table>
<p><img src="data:image/png;base64,${PNG.toString("base64")}" width="10" height="10"></p>
</body></html>`;

/** Two annotations on passages, by two people, as LibreOffice writes them (flat ODT, converted below to DOCX and ODT). */
const ANNOTATED = `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:body><office:text>
<text:h text:outline-level="1">Bilan</text:h>
<text:p>Le <office:annotation office:name="c1"><dc:creator>Marie Curie</dc:creator><text:p>Préciser la date</text:p></office:annotation>comité de pilotage<office:annotation-end office:name="c1"/> se réunit en mars.</text:p>
<text:p>Les <office:annotation office:name="c2"><dc:creator>Paul Martin</dc:creator><text:p>Lesquelles ?</text:p></office:annotation>pratiques inspirantes<office:annotation-end office:name="c2"/> sont recensées.</text:p>
</office:text></office:body></office:document>`;

let server: TestServer;
let membre: Client;
let lecteur: Client;
let space: string;
let dir: string;
const files = new Map<string, Buffer>();

/** Writes `sources` with LibreOffice as each format, in its own profile; the files by their output name. */
async function libreOffice(sources: string[], formats: string[]) {
  const run = promisify(execFile);
  for (const format of formats) {
    await run("soffice", [`-env:UserInstallation=file://${dir}/profile`, "--headless", "--convert-to", format, "--outdir", dir, ...sources], { timeout: 120_000 });
  }
  for (const name of await readdir(dir)) if (/\.(docx|odt)$/.test(name)) files.set(name, await readFile(path.join(dir, name)));
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "imports-test-"));
  const bilan = await readFile(new URL("bilan-assises-territoriales-sud-ouest.md", FIXTURES), "utf8");
  await writeFile(path.join(dir, "bilan.html"), `<!doctype html><html><head><meta charset="utf-8"></head><body>${await marked.parse(bilan)}</body></html>`);
  await writeFile(path.join(dir, "riche.html"), RICH);
  await writeFile(path.join(dir, "commentaires.fodt"), ANNOTATED);
  const sources = [path.join(dir, "bilan.html"), path.join(dir, "riche.html"), path.join(dir, "commentaires.fodt")];
  [server] = await Promise.all([startTestServer(), libreOffice(sources, ["docx:MS Word 2007 XML", "odt:writer8"])]);
  membre = await server.as("membre.grand-sud@atelier.test");
  lecteur = await server.as("lecteur.grand-sud@atelier.test");
  space = await spaceId(server, "grand-sud");
}, HEAVY);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The document's HTML as the server exports it, apostrophes unescaped for readable expectations. */
const html = async (id: string) =>
  ((await membre.get(`/api/documents/${id}/content?format=html`)).body.content as string).replaceAll("&#39;", "'");

async function imported(name: string, bytes: Buffer | string, fields?: Record<string, string>) {
  const r = await importFile(membre, space, name, bytes, fields);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body as { id: string; dropped: string[] };
}

describe("importing the fixtures' documents", () => {
  it("a Markdown file becomes a document of the chosen kind, with its headings and lists", async () => {
    const md = await readFile(new URL("assises-territoriales-lille-grand-nord.md", FIXTURES));
    const { id, dropped } = await imported("assises-lille.md", md, { kind: "compte-rendu", title: "Assises de Lille" });
    const doc = (await membre.get(`/api/documents/${id}`)).body.document;
    expect(doc).toMatchObject({ title: "Assises de Lille", kind: "compte-rendu", spaceId: space });
    const content = await html(id);
    expect(content).toContain("<h2>Assises Territoriales du travail social</h2>");
    expect(content).toMatch(/<ol[^>]*><li><p>recueil des pratiques inspirantes/);
    // Its links lead nowhere ("#"): their text stays, without a link to nothing.
    expect(content).toContain("En savoir plus sur le site de la DRJSCS Nord Pas-de-Calais [1]");
    expect(dropped).toEqual([]);
    // It is listed in its space like any document.
    const list = (await membre.get(`/api/spaces/${space}/documents`)).body.documents;
    expect(list.map((d: { id: string }) => d.id)).toContain(id);
  });

  it.each(["bilan.docx", "bilan.odt"])("the Sud-Ouest bilan written by LibreOffice as %s keeps its headings and lists, titled after the file", async (name) => {
    const { id } = await imported(name, files.get(name)!);
    expect((await membre.get(`/api/documents/${id}`)).body.document.title).toBe("bilan");
    const content = await html(id);
    expect(content).toContain("<h1>ÉTATS GÉNÉRAUX DU TRAVAIL SOCIAL</h1>");
    expect(content).toContain("<h2>Bilan de l'organisation</h2>");
    expect(content).toMatch(/<h3>(<strong>)?Une équipe projet élargie qui vaut comité de pilotage/);
    expect(content).toMatch(/<li><p>« Autonomie » \(PA, PH\) ;<\/p><\/li>/);
  });

  it.each(["riche.docx", "riche.odt"])("%s written by LibreOffice keeps every mark, nested lists, the merged cell and its image as an attachment", async (name) => {
    const { id } = await imported(name, files.get(name)!);
    const content = await html(id);
    expect(content).toContain("<h1>Bilan des assises</h1>");
    for (const mark of ["<strong>gras</strong>", "<em>italique</em>", "<u>souligné</u>", "<s>barré</s>"]) expect(content).toContain(mark);
    expect(content).toMatch(/<a [^>]*href="https:\/\/www.social-sante.gouv.fr\/"[^>]*>un lien<\/a>/);
    expect(content).toMatch(/<ul><li><p>Premier constat<\/p><ul><li><p>Détail imbriqué<\/p><\/li><\/ul><\/li>/);
    expect(content).toMatch(/<ol[^>]*><li><p>Étape un<\/p><\/li>/);
    expect(content).toMatch(/<t[dh] colspan="2"[^>]*><p>Budget fusionné<\/p><\/t[dh]>/);
    if (name.endsWith(".odt")) {
      // LibreOffice writes these as its own styles in ODT; in DOCX as shading and borders that Word's model has no name for.
      expect(content).toContain("<mark>surligné</mark>");
      expect(content).toContain("<blockquote><p>Une citation des participants.</p></blockquote>");
      expect(content).toContain("<hr>");
    }
    const src = /<img src="(\/api\/attachments\/[0-9a-f-]{36})"/.exec(content)?.[1];
    expect(src).toBeDefined();
    const image = await lecteur.raw("GET", src!);
    expect(image.status).toBe(200);
    expect(image.headers.get("content-type")).toBe("image/png");
    const [row] = await server.services.db.query<{ document_id: string }>("SELECT document_id FROM attachments WHERE id = $1", [src!.split("/").pop()]);
    expect(row!.document_id).toBe(id);
  });
});

describe("the file's comments", () => {
  it.each(["commentaires.docx", "commentaires.odt"])("in %s written by LibreOffice become comment threads on the same words, their authors named", async (name) => {
    const { id, dropped } = await imported(name, files.get(name)!);
    expect(dropped).toEqual([]);
    expect(await html(id)).toBe("<h1>Bilan</h1><p>Le comité de pilotage se réunit en mars.</p><p>Les pratiques inspirantes sont recensées.</p>");
    const { threads } = (await lecteur.get(`/api/documents/${id}/comments`)).body as { threads: CommentThread[] };
    // In the order of the text.
    expect(
      threads.map((t: CommentThread) => ({ quote: t.quote, now: t.anchorState, status: t.status, by: t.createdBy?.name, body: t.comments.map((c) => c.body) })),
    ).toEqual([
      { quote: "comité de pilotage", now: { deleted: false, text: "comité de pilotage" }, status: "open", by: "Marie Membre", body: ["Commentaire de Marie Curie : Préciser la date"] },
      { quote: "pratiques inspirantes", now: { deleted: false, text: "pratiques inspirantes" }, status: "open", by: "Marie Membre", body: ["Commentaire de Paul Martin : Lesquelles ?"] },
    ]);
  });

  it("imported into an open document, they are listed as not kept, and nothing of them is left in the text", async () => {
    const { id } = await imported("cible.md", "# Cible");
    const r = await sendFile(membre, `/api/documents/${id}/import-fragment`, "commentaires.docx", files.get("commentaires.docx")!);
    expect(r.status).toBe(200);
    expect(JSON.stringify(r.body.content)).not.toMatch(/[\u{F0000}-\u{FFFFD}]/u);
    expect(JSON.stringify(r.body.content)).toContain("Le comité de pilotage se réunit en mars.");
    expect(r.body.dropped).toEqual([expect.stringMatching(/^2 commentaires n'ont pas été repris : importés dans un document ouvert/)]);
  });
});

describe("what the schema does not allow", () => {
  it("an HTML page loses its scripts, remote images and javascript: links, and the person is told, in French", async () => {
    const page = `<h1>Page</h1><script>alert(1)</script><p onclick="alert(2)">Texte <a href="javascript:alert(3)">piégé</a></p>
      <img src="https://pisteur.example/pixel.png"><iframe src="https://example.org"></iframe><p>H<sub>2</sub>O</p>
      <ul><li><input type="checkbox" checked> fait</li><li><input type="checkbox"> à faire</li></ul>`;
    const { id, dropped } = await imported("page.html", page);
    const content = await html(id);
    expect(content).not.toMatch(/script|alert|onclick|pisteur|iframe/);
    expect(content).toContain("<p>Texte piégé</p>");
    expect(dropped).toEqual([
      "1 image extérieure au fichier (adresse distante) n'a pas été reprise.",
      "1 lien d'un type non autorisé a été retiré (le texte est gardé).",
      "Les exposants et indices sont gardés comme texte normal.",
      "Les scripts n'ont pas été repris.",
      "Les contenus intégrés (cadres, objets) n'ont pas été repris.",
    ]);
  });

  it("an image whose bytes are not an image is left out of the text, never shown broken, and the person is told", async () => {
    const fake = Buffer.from("ceci n'est pas une image").toString("base64");
    const { id, dropped } = await imported("image.html", `<p>Avant</p><p><img src="data:image/png;base64,${fake}"></p><p>Après</p>`);
    expect(await html(id)).not.toContain("<img");
    expect(dropped).toContain("1 image n'a pas été reprise : son contenu n'est pas une image PNG, JPEG, GIF ou WebP.");
    expect(await server.services.db.query("SELECT id FROM attachments WHERE document_id = $1", [id])).toEqual([]);
  });

  it("a Markdown checklist becomes the editor's checklist", async () => {
    const { id } = await imported("taches.md", "# Suivi\n\n- [x] Réserver la salle\n- [ ] Envoyer les invitations\n");
    expect(await html(id)).toMatch(/<ul data-type="taskList"><li data-checked="true" data-type="taskItem">.*Réserver la salle.*<li data-checked="false" data-type="taskItem">.*Envoyer les invitations/s);
  });
});

/** What an import could leave behind, all of it. */
async function traces() {
  const [counts] = await server.services.db.query(
    "SELECT (SELECT count(*)::int FROM documents) AS documents, (SELECT count(*)::int FROM attachments) AS attachments, (SELECT count(*)::int FROM document_updates) AS updates",
  );
  const keys: string[] = [];
  for await (const k of server.services.storage.list()) keys.push(k);
  const temporary = (await readdir(tmpdir())).filter((n) => n.startsWith("atelier-import-"));
  return { ...counts, keys: keys.sort(), temporary };
}

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const CONTENT_TYPES = entry(
  "[Content_Types].xml",
  '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
);

/** word/document.xml inflating to 128 MiB of spaces, declared as `declared` bytes. */
function bomb(declared: number) {
  const raw = Buffer.alloc(128 * 1024 * 1024, " ");
  raw.write(`<?xml version="1.0"?><w:document ${W}><w:body><w:p><w:r><w:t>Bombe</w:t></w:r></w:p>`);
  return zip([CONTENT_TYPES, { name: "word/document.xml", deflated: zlib.deflateRawSync(raw, { level: 1 }), crc: zlib.crc32(raw), size: declared }]);
}

describe("hostile and broken files: a clear 4xx each, and nothing left behind", () => {
  const refused: Array<[string, string, () => Buffer | string, number, RegExp]> = [
    ["a zip bomb (128 MiB of XML, declared)", "bombe.docx", () => bomb(128 * 1024 * 1024), 422, /trop volumineux une fois décompressé/],
    ["a zip bomb lying about its size", "bombe-menteuse.docx", () => bomb(2000), 422, /trop volumineux une fois décompressé/],
    [
      "a DOCX with an external entity",
      "entite.docx",
      () =>
        zip([
          CONTENT_TYPES,
          entry("word/document.xml", `<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><w:document ${W}><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>`),
        ]),
      422,
      /entités XML, refusées par sécurité/,
    ],
    ["a truncated ODT", "coupe.odt", () => files.get("riche.odt")!.subarray(0, 4000), 422, /endommagé ou incomplet/],
    ["a DOCX that is not a zip", "faux.docx", () => "pas un document Word", 422, /pas un document Word/],
    ["a Word 97 file", "ancien.doc", () => Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 415, /Word 97-2003/],
    ["an image", "photo.png", () => PNG, 415, /format n'est pas pris en charge/],
    ["an empty file", "vide.md", () => "", 400, /vide/],
  ];

  it.each(refused)("%s", async (_what, name, bytes, status, message) => {
    const before = await traces();
    const r = await importFile(membre, space, name, bytes());
    expect(r.status).toBe(status);
    expect(r.body.error.message).toMatch(message);
    expect(await traces()).toEqual(before);
    // The next file imports: the hostile one failed alone.
    await imported("apres.md", "# Après");
  }, HEAVY);

  it("a form without a kind, or with an unknown one, says what to choose", async () => {
    for (const fields of [{}, { kind: "roman" }] as Record<string, string>[]) {
      const r = await importFile(membre, space, "note.md", "# Note", fields);
      expect(r.status).toBe(400);
      expect(r.body.error.message).toContain("Choisissez le type du document.");
    }
  });

  it("a reader of the space may not import", async () => {
    const before = await traces();
    const r = await importFile(lecteur, space, "note.md", "# Note");
    expect(r.status).toBe(403);
    expect(await traces()).toEqual(before);
  });
});

describe("importing into an open document", () => {
  it("answers the file as editor content to insert, its images stored as that document's attachments", async () => {
    const { id } = await imported("cible.md", "# Cible");
    const r = await sendFile(membre, `/api/documents/${id}/import-fragment`, "riche.odt", files.get("riche.odt")!);
    expect(r.status).toBe(200);
    expect(r.body.content.type).toBe("doc");
    expect(r.body.content.content[0]).toMatchObject({ type: "heading", content: [{ text: "Bilan des assises" }] });
    const image = JSON.stringify(r.body.content).match(/\/api\/attachments\/([0-9a-f-]{36})/)![1];
    const [row] = await server.services.db.query<{ document_id: string }>("SELECT document_id FROM attachments WHERE id = $1", [image]);
    expect(row!.document_id).toBe(id);
    // Nothing is written into the text by the server: the editor inserts it at its cursor.
    expect(await html(id)).toBe("<h1>Cible</h1>");
    expect((await sendFile(lecteur, `/api/documents/${id}/import-fragment`, "riche.odt", files.get("riche.odt")!)).status).toBe(403);
  });
});
