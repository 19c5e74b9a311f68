import { readdir } from "node:fs/promises";
import { beforeAll, describe, expect, it } from "vitest";
import { spaceId, startTestServer, type Client, type TestServer } from "../harness.js";
import { ACTORS, RELATIONS, SPACES_OF, type ActorName, type MatrixRow } from "./matrix.js";

// Every capability's rows: src/<capability>/matrix.rows.ts.
const src = new URL("../../src/", import.meta.url);
const files = (await readdir(src, { recursive: true })).filter((f) => f.endsWith("matrix.rows.ts")).sort();
const rows = (await Promise.all(files.map((f) => import(new URL(f, src).href) as Promise<{ rows: MatrixRow[] }>))).flatMap(
  (m) => m.rows,
);

let server: TestServer;
const clients = new Map<ActorName, Client>();

beforeAll(async () => {
  server = await startTestServer();
  for (const [name, email] of Object.entries(ACTORS) as [ActorName, string | null][]) {
    clients.set(name, email ? await server.as(email) : server.client());
  }
});

it("covers every capability's rows", () => {
  expect(rows.length).toBeGreaterThan(0);
});

describe.each(rows)("$action", (row) => {
  it.each(Object.keys(ACTORS) as ActorName[])("%s", async (actor) => {
    const got: string[] = [];
    for (const [i, relation] of RELATIONS.entries()) {
      const slug = SPACES_OF[actor][relation];
      const want = row.expect[actor][i];
      if (!slug || want === "-") {
        got.push("-");
        continue;
      }
      const reply = await row.run({
        server,
        client: clients.get(actor)!,
        admin: clients.get("admin")!,
        spaceId: await spaceId(server, slug),
        actor,
      });
      const refused = row.refusedAs ?? (actor === "anonymous" ? 401 : 403);
      if (reply.status >= 200 && reply.status < 300) got.push("Y");
      else if (reply.status === refused) got.push("N");
      else got.push(`?${reply.status}`);
    }
    expect(got.join(""), `${row.action} / ${actor} (own, child, parent, unrelated)`).toBe(row.expect[actor]);
  });
});
