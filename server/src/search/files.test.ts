/**
 * Library files found by the words inside them, through the upload API and the search API:
 * a PDF opens at the page that matched; a DOCX, an ODT, a spreadsheet and a slideshow are read
 * like a text; a broken file is marked "contenu non indexé" alone and the next one is still found.
 */
import { readFile } from "node:fs/promises";
import { beforeAll, expect, it } from "vitest";
import { spaceId, startTestServer, type Client, type TestServer } from "../../test/harness.js";
import { upload } from "../files/test-helpers.js";
import { indexedWith, queueEmpty, searchFor } from "./test-helpers.js";

const FIXTURES = new URL("./extract/fixtures/", import.meta.url);
const bytes = (name: string) => readFile(new URL(name, FIXTURES));

let server: TestServer;
let membre: Client;
const ids: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer();
  membre = await server.as("membre.grand-sud@atelier.test");
  const space = await spaceId(server, "grand-sud");
  for (const name of ["rapport.pdf", "rapport.docx", "rapport.odt", "classeur.xlsx", "diaporama.pptx"]) {
    const r = await upload(membre, space, name, await bytes(name), { title: `Fichier ${name}` });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    ids[name] = r.body.file.id;
  }
  // A PDF cut in half: its bytes are stored, its words cannot be read.
  const pdf = await bytes("rapport.pdf");
  ids.broken = (await upload(membre, space, "coupe.pdf", pdf.subarray(0, pdf.length / 2), { title: "Rapport coupé" })).body.file.id;
  await queueEmpty(server, 120_000);
}, 180_000);

it("finds each office format by a word of its body", async () => {
  const withMarseille = ["rapport.pdf", "rapport.docx", "rapport.odt", "classeur.xlsx"];
  for (const name of withMarseille) await indexedWith(server, ids[name]!, "Marseille");
  const r = await searchFor(membre, { q: "Marseille", type: "file" });
  expect(r.status).toBe(200);
  expect(new Set(r.body.results.map((x: { id: string }) => x.id))).toEqual(new Set(withMarseille.map((name) => ids[name])));
  expect(r.body.facets.type).toEqual([{ value: "file", label: "Fichier", count: 4 }]);
  const slides = await searchFor(membre, { q: "rencontres régionales", type: "file" });
  expect(slides.body.results.map((x: { id: string }) => x.id)).toEqual([ids["diaporama.pptx"]]);
});

it("opens a PDF result at the page that matched", async () => {
  const lille = (await searchFor(membre, { q: "assises de Lille", type: "file" })).body.results.find((x: { id: string }) => x.id === ids["rapport.pdf"]);
  expect(lille.url).toBe(`/api/files/${ids["rapport.pdf"]}/download?inline=1#page=2`);
  const ajaccio = (await searchFor(membre, { q: "Ajaccio", type: "file" })).body.results.find((x: { id: string }) => x.id === ids["rapport.pdf"]);
  expect(ajaccio.url).toBe(`/api/files/${ids["rapport.pdf"]}/download?inline=1#page=3`);
});

it("marks a broken file as not indexed, with its reason, and still finds it by its title", async () => {
  const [row] = await server.services.db.query<{ content_note: string | null }>("SELECT content_note FROM search_entries WHERE id = $1", [ids.broken]);
  expect(row?.content_note).toBe("contenu non indexé : fichier endommagé");
  expect((await searchFor(membre, { q: "coupé", type: "file" })).body.results.map((x: { id: string }) => x.id)).toEqual([ids.broken]);
});
