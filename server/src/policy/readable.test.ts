/**
 * The readable set for queries over many rows (lists, the bell, search) says exactly what the
 * routes say: a space is in it when GET /api/spaces/:id answers 200, and a document passes its
 * SQL condition when its history (GET /api/documents/:id/versions, a route outside the trash's
 * own) answers 200: trashed ones never do, whoever asks.
 */
import { beforeAll, expect, it } from "vitest";
import { spaceId, startTestServer, type Client, type TestServer } from "../../test/harness.js";
import { readableDocumentSql, readableSpaceIds } from "./index.js";

let server: TestServer;
const people = [
  "admin@atelier.test",
  "national@atelier.test",
  "pilote.grand-sud@atelier.test",
  "lecteur.grand-sud@atelier.test",
  "membre.corse@atelier.test",
  "partenaire@atelier.test",
  "nouveau@atelier.test",
];

beforeAll(async () => {
  server = await startTestServer();
});

async function actorOf(email: string) {
  const [u] = await server.services.db.query<{ id: string; platform_role: "admin" | "national" | null }>(
    "SELECT id, platform_role FROM users WHERE email = $1",
    [email],
  );
  return { id: u!.id, platformRole: u!.platform_role };
}

it("holds the spaces each person may open, and only those", async () => {
  const spaces = await server.services.db.query<{ id: string }>("SELECT id FROM spaces ORDER BY id");
  for (const email of people) {
    const client = await server.as(email);
    const opened: string[] = [];
    for (const { id } of spaces) if ((await client.get(`/api/spaces/${id}`)).status === 200) opened.push(id);
    expect((await readableSpaceIds(server.services.db, await actorOf(email))).sort(), email).toEqual(opened);
  }
});

it("lets a query count only the documents a person may open, trashed ones excluded", async () => {
  const pilote = await server.as("pilote.grand-sud@atelier.test");
  const grandSud = await spaceId(server, "grand-sud");
  const make = async (title: string) =>
    (await pilote.post(`/api/spaces/${grandSud}/documents`, { title, kind: "livrable" })).body.document.id as string;
  const live = await make("Lisible");
  const trashed = await make("À la corbeille");
  expect((await pilote.delete(`/api/documents/${trashed}`)).status).toBeLessThan(300);

  let seen = 0;
  for (const email of people) {
    const client: Client = await server.as(email);
    const spaces = await readableSpaceIds(server.services.db, await actorOf(email));
    const [row] = await server.services.db.query<{ ids: string[] | null }>(
      `SELECT array_agg(d.id) AS ids FROM documents d WHERE d.id = ANY($2::uuid[]) AND ${readableDocumentSql("d", "$1")}`,
      [spaces, [live, trashed]],
    );
    const opened: string[] = [];
    for (const id of [live, trashed]) if ((await client.get(`/api/documents/${id}/versions`)).status === 200) opened.push(id);
    expect((row!.ids ?? []).sort(), email).toEqual(opened.sort());
    seen += opened.length;
  }
  // Not a comparison of two empty answers: the live document is read by several of them.
  expect(seen).toBeGreaterThan(2);
});
