import { afterAll, beforeAll, expect, it } from "vitest";
import { spaceId, startTestServer, type TestServer } from "../../test/harness.js";
import { upload } from "../files/test-helpers.js";

let server: TestServer;
let grandSud: string;

beforeAll(async () => {
  server = await startTestServer();
  grandSud = await spaceId(server, "grand-sud");
});
afterAll(() => server.close());

it("lists the space's latest documents, status changes and files, newest first, without what lies in the trash", async () => {
  const membre = await server.as("membre.grand-sud@atelier.test");
  const partenaire = await server.as("partenaire@atelier.test");
  const doc = (await membre.post(`/api/spaces/${grandSud}/documents`, { title: "Livrable suivi", kind: "livrable" })).body.document;
  const binned = (await membre.post(`/api/spaces/${grandSud}/documents`, { title: "Brouillon jeté", kind: "synthese" })).body.document;
  expect((await membre.delete(`/api/documents/${binned.id}`)).status).toBe(200);
  expect((await membre.post(`/api/documents/${doc.id}/status`, { to: "en-relecture" })).status).toBe(200);
  expect((await upload(partenaire, grandSud, "programme.pdf", undefined, { title: "Programme des assises" })).status).toBe(201);

  // A reader of the neighbouring regional COPIL sees it too.
  const corse = await server.as("membre.corse@atelier.test");
  const r = await corse.get(`/api/spaces/${grandSud}/activity`);
  expect(r.status).toBe(200);
  const [file, status, created] = r.body.activity;
  expect(file).toMatchObject({ kind: "file.added", target: { type: "file", title: "Programme des assises" } });
  expect(status).toMatchObject({ kind: "status", status: "en-relecture", target: { id: doc.id, title: "Livrable suivi" } });
  expect(status.actor.name).not.toBe("");
  expect(created).toMatchObject({ kind: "document.created", target: { id: doc.id } });
  expect(JSON.stringify(r.body)).not.toContain("Brouillon jeté");
  expect(r.body.activity.length).toBeLessThanOrEqual(10);
});
