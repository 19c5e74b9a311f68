/**
 * Past SEARCH_COUNT_CAP matches the search stops counting: the total says "at least", the facets'
 * counts are lower bounds, and a title holding the word still comes first even when it was written
 * after all the matches counted. Under the cap, counts stay exact.
 */
import { beforeAll, expect, it } from "vitest";
import { spaceId, startTestServer, type Client, type TestServer } from "../../test/harness.js";
import { upload } from "../files/test-helpers.js";
import { indexedWith, queueEmpty, searchFor } from "./test-helpers.js";

const CAP = 4;
let server: TestServer;
let membre: Client;
let titled: string;

beforeAll(async () => {
  server = await startTestServer({ SEARCH_COUNT_CAP: String(CAP) });
  membre = await server.as("membre.grand-sud@atelier.test");
  const grandSud = await spaceId(server, "grand-sud");
  for (let i = 1; i <= 7; i++) {
    const text = `Compte rendu n° ${i} : les places d'hébergement manquent encore dans le département.`;
    const r = await upload(membre, grandSud, `note-${i}.txt`, text, { title: `Note de séance ${i}` });
    expect(r.status).toBe(201);
  }
  const r = await membre.post(`/api/spaces/${grandSud}/documents`, { title: "Hébergement d'urgence : le plan", kind: "livrable" });
  titled = r.body.document.id;
  await queueEmpty(server);
  await indexedWith(server, titled, "");
}, 60_000);

it("says 'at least' past the cap, and still ranks the title that holds the word first", async () => {
  const r = await searchFor(membre, { q: "hébergement" });
  expect(r.status).toBe(200);
  expect(r.body).toMatchObject({ total: CAP, totalAtLeast: true, facetsAtLeast: true });
  expect(r.body.results[0].id).toBe(titled);
  const files = r.body.facets.type.find((x: { value: string }) => x.value === "file");
  expect(files.count).toBeLessThanOrEqual(7);
});

it("counts exactly again once a filter narrows the matches under the cap", async () => {
  const r = await searchFor(membre, { q: "hébergement", type: "document" });
  expect(r.body).toMatchObject({ total: 1, totalAtLeast: false });
  expect(r.body.results.map((x: { id: string }) => x.id)).toEqual([titled]);
});

it("counts exactly under the cap", async () => {
  const r = await searchFor(membre, { q: "plan" });
  expect(r.body).toMatchObject({ total: 1, totalAtLeast: false, facetsAtLeast: false });
});
