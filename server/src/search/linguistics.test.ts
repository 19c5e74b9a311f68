/**
 * French as people write and search it, on the programme's real texts: fixture documents typed
 * through the WebSocket, fixture files uploaded through the library, then a table of queries with
 * what each must and must not find.
 */
import { slugify, SNIPPET_END, SNIPPET_START } from "@atelier/shared";
import { beforeAll, describe, expect, it } from "vitest";
import { spaceId, startTestServer, type Client, type TestServer } from "../../test/harness.js";
import { upload } from "../files/test-helpers.js";
import { rebuildIndex } from "./rebuild.js";
import { blocksOf, fixture, indexedWith, queueEmpty, searchFor, typeDocument } from "./test-helpers.js";

let server: TestServer;
let membre: Client;
const ids: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer();
  membre = await server.as("membre.grand-sud@atelier.test");
  const grandSud = await spaceId(server, "grand-sud");
  const typed: [string, string, Promise<string> | string][] = [
    ["questionnaire", "Questionnaire : la place des usagers", fixture("questionnaire-place-des-usagers-et-fiche-projet.txt")],
    ["corse", "COPIL régional Corse : démarche et méthode", fixture("copil-regional-corse-demarche-et-methode.txt")],
    ["bilan", "Bilan des assises territoriales du Sud-Ouest", fixture("bilan-assises-territoriales-sud-ouest.md")],
    ["sansAccents", "Note d'étape", "Les hebergements d'urgence manquent dans les quartiers nord."],
    ["pluriel", "Relevé des besoins", "Hébergements temporaires : douze places ouvertes cet hiver."],
    ["verbe", "Proposition des partenaires", "Nous pourrions héberger les familles dès le mois de mars."],
    ["motsEpars", "Retour des ateliers", "Les usagers ont enfin trouvé leur place autour de la table."],
    ["titre", "Hébergement et logement : état des lieux", "Un premier recensement des dispositifs existants."],
  ];
  for (const [key, title, text] of typed) ids[key] = await typeDocument(server, membre, grandSud, title, blocksOf(await text));
  for (const [key, name] of [
    ["presentation", "presentation-egts-dgcs.md"],
    ["lille", "assises-territoriales-lille-grand-nord.md"],
  ] as const) {
    const r = await upload(membre, grandSud, name, await fixture(name), { title: `Fichier ${key}` });
    expect(r.status).toBe(201);
    ids[key] = r.body.file.id;
  }
  await queueEmpty(server);
  await indexedWith(server, ids.lille!, "Lille");
}, 120_000);

const found = async (q: string) => {
  const r = await searchFor(membre, { q });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return new Set((r.body.results as { id: string }[]).map((x) => x.id));
};

describe.each([
  { q: "hébergement", must: ["sansAccents", "pluriel", "verbe", "corse", "questionnaire", "titre"], mustNot: ["bilan", "lille", "motsEpars"] },
  { q: "HEBERGEMENTS", must: ["sansAccents", "pluriel", "verbe", "corse"], mustNot: ["lille", "motsEpars"] },
  { q: '"place des usagers"', must: ["questionnaire", "bilan", "corse"], mustNot: ["motsEpars", "pluriel"] },
  { q: "usagers -corse", must: ["bilan", "motsEpars"], mustNot: ["corse", "questionnaire"] },
  { q: "Lille", must: ["lille"], mustNot: ["bilan", "questionnaire", "presentation"] },
  { q: "hebergment", must: ["titre"], mustNot: ["lille", "bilan"] },
])("« $q »", ({ q, must, mustNot }) => {
  it("finds what it must, and nothing it must not", async () => {
    const got = await found(q);
    for (const key of must) expect(got.has(ids[key]!), `${q} → ${key}`).toBe(true);
    for (const key of mustNot) expect(got.has(ids[key]!), `${q} ↛ ${key}`).toBe(false);
  });
});

it("highlights the matched words and opens at the heading they sit under", async () => {
  const md = await fixture("bilan-assises-territoriales-sud-ouest.md");
  // "Buffet" appears once in the report: the heading above it is where the result must open.
  const before = md.slice(0, md.indexOf("Buffet"));
  const heading = [...before.matchAll(/^#{1,3}\s+(.*)$/gm)].at(-1)![1]!.replace(/\*\*/g, "").replace(/\s+/g, " ").trim();
  const r = await searchFor(membre, { q: "buffet" });
  const hit = r.body.results.find((x: { id: string }) => x.id === ids.bilan);
  expect(hit).toMatchObject({ type: "document", heading, spaceName: "COPIL territorial Grand-Sud", status: "brouillon", kind: "compte-rendu" });
  // The editor's anchor for that heading: its text as a slug (packages/editor anchors.ts).
  expect(hit.url).toBe(`/documents/${ids.bilan}#titre-${slugify(heading)}`);
  expect(hit.snippet).toContain(`${SNIPPET_START}Buffet${SNIPPET_END}`);
});

it("finds a plain-text file by the words inside it", async () => {
  const r = await searchFor(membre, { q: "Lille", type: "file" });
  expect(r.body.results.map((x: { id: string }) => x.id)).toEqual([ids.lille]);
  expect(r.body.results[0]).toMatchObject({ type: "file", title: "Fichier lille", url: `/api/files/${ids.lille}/download?inline=1` });
  expect(r.body.facets.type).toEqual([{ value: "file", label: "Fichier", count: 1 }]);
});

it("suggests titles from their first letters, accents or not", async () => {
  for (const q of ["héberg", "heberg", "Hébergem", "héb log", "l’héberg"]) {
    const r = await membre.get(`/api/search/suggest?${new URLSearchParams({ q })}`);
    expect(r.status).toBe(200);
    expect(r.body.suggestions.map((s: { id: string }) => s.id), q).toContain(ids.titre);
  }
  const r = await membre.get(`/api/search/suggest?${new URLSearchParams({ q: "plac usag" })}`);
  expect(r.body.suggestions.map((s: { title: string }) => s.title)).toEqual(["Questionnaire : la place des usagers"]);
});

it("ranks a title above a mention in the body", async () => {
  const r = await searchFor(membre, { q: "logement", type: "document" });
  expect(r.body.results[0].id).toBe(ids.titre);
});

it("counts by type, committee, kind and status, and narrows with the filters", async () => {
  const all = await searchFor(membre, { q: "hébergement" });
  expect(all.body.total).toBe(all.body.results.length);
  const docs = all.body.facets.type.find((f: { value: string }) => f.value === "document").count;
  const onlyDocs = await searchFor(membre, { q: "hébergement", type: "document", kind: "compte-rendu", status: "brouillon" });
  expect(onlyDocs.body.total).toBe(docs);
  expect(onlyDocs.body.facets.kind).toEqual([{ value: "compte-rendu", label: "Compte rendu de COPIL", count: docs }]);
  const none = await searchFor(membre, { q: "hébergement", status: "valide" });
  expect(none.body).toMatchObject({ total: 0, results: [] });
  const later = await searchFor(membre, { q: "hébergement", from: "2099-01-01" });
  expect(later.body.total).toBe(0);
});

it("pages with a cursor, without repeating or losing a result", async () => {
  const seen: string[] = [];
  let cursor: string | null = null;
  let total = 0;
  do {
    const r: { body: { results: { id: string }[]; nextCursor: string | null; total: number } } = await searchFor(membre, {
      q: "travail",
      ...(cursor ? { cursor } : {}),
    });
    seen.push(...r.body.results.map((x) => x.id));
    total = r.body.total;
    cursor = r.body.nextCursor;
  } while (cursor);
  expect(new Set(seen).size).toBe(seen.length);
  expect(seen.length).toBe(total);
});

it("refuses an empty or too long query, or a broken cursor, in French", async () => {
  for (const [params, message] of [
    [{ q: "  " }, "Indiquez les mots à chercher."],
    [{ q: "x".repeat(201) }, "La recherche est limitée à 200 caractères."],
    [{ q: "plan", cursor: "abc" }, "La suite des résultats est illisible : relancez la recherche."],
  ] as const) {
    const r = await searchFor(membre, params);
    expect(r.status).toBe(400);
    expect(r.body.error.message).toBe(message);
  }
  const short = await membre.get("/api/search/suggest?q=h");
  expect(short.status).toBe(400);
  expect(short.body.error.message).toBe("Tapez au moins 2 lettres.");
  expect((await server.client().get("/api/search?q=plan")).status).toBe(401);
});

it("rebuilds the whole index, files' contents included, when it is lost", async () => {
  const before = await searchFor(membre, { q: "hébergement Lille" });
  await server.services.db.query("DELETE FROM search_entries");
  expect((await searchFor(membre, { q: "Lille" })).body.total).toBe(0);
  expect(await rebuildIndex(server.services)).toBeGreaterThanOrEqual(Object.keys(ids).length);
  expect((await searchFor(membre, { q: "Lille" })).body.results.map((x: { id: string }) => x.id)).toContain(ids.lille);
  expect((await searchFor(membre, { q: "hébergement Lille" })).body.total).toBe(before.body.total);
});
