/**
 * The readable set for queries over many rows (the bell, search) says exactly what the routes
 * say: a space is in it when GET /api/spaces/:id answers 200.
 */
import { beforeAll, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../../test/harness.js";
import { readableSpaceIds } from "./index.js";

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
