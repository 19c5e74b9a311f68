/**
 * Two admins (or two clicks) creating the same account or space at the same moment: both pass the
 * "already exists?" check, and the database's unique constraint decides. The one that loses must
 * hear the same 409 as if it had come second, never a 500.
 */
import { beforeAll, expect, it } from "vitest";
import { startTestServer, type Client, type Reply, type TestServer } from "../../test/harness.js";
import { newUserBody, unique } from "./test-helpers.js";

const ATTEMPTS = 4;

let server: TestServer;
let admin: Client;
beforeAll(async () => {
  server = await startTestServer();
  admin = await server.as("admin@atelier.test");
});

/** Sends the same request several times at once; expects one success and conflicts for the rest. */
async function race(send: () => Promise<Reply>, created: number): Promise<Reply[]> {
  const replies = await Promise.all(Array.from({ length: ATTEMPTS }, send));
  expect(replies.map((r) => r.status).sort()).toEqual([created, ...Array(ATTEMPTS - 1).fill(409)]);
  return replies.filter((r) => r.status === 409);
}

const count = async (sql: string, param: string) =>
  (await server.services.db.query<{ n: number }>(sql, [param]))[0]!.n;

it("creates an account once when the same address is sent at the same time", async () => {
  const body = newUserBody();
  const refused = await race(() => admin.post("/api/admin/users", body), 201);
  for (const r of refused) {
    expect(r.body).toEqual({ error: { code: "email_taken", message: `Un compte existe déjà avec l'adresse ${body.email}.` } });
  }
  expect(await count("SELECT count(*)::int AS n FROM users WHERE email = $1", body.email)).toBe(1);
});

it("creates a space once when the same slug is sent at the same time", async () => {
  const slug = unique("copil");
  const refused = await race(() => admin.post("/api/admin/spaces", { name: "Essai simultané", slug, level: "national", parentId: null }), 201);
  for (const r of refused) {
    expect(r.body).toEqual({ error: { code: "slug_taken", message: `Un espace utilise déjà l'identifiant d'URL « ${slug} ».` } });
  }
  expect(await count("SELECT count(*)::int AS n FROM spaces WHERE slug = $1", slug)).toBe(1);
});

it("imports a new person once when the same file is sent at the same time", async () => {
  const email = `${unique("import")}@exemple.fr`;
  const csv = `email;nom;prénom;organisme;espace;rôle\n${email};Durand;Hélène;DDETS du Var;grand-sud;membre\n`;
  const upload = async () => {
    const res = await admin.raw("POST", "/api/admin/import/members?dryRun=false", {
      body: csv,
      headers: { "content-type": "text/csv; charset=utf-8" },
    });
    return { status: res.status, body: (await res.json()) as any };
  };
  const replies = await Promise.all(Array.from({ length: ATTEMPTS }, upload));
  // One import creates the account. Another either raced it to the database (409, nothing written)
  // or, when the database ran it after (the embedded one runs one transaction at a time), finds
  // the account and the membership already there.
  const creators = replies.filter((r) => r.status === 200 && r.body.plan[0].user === "create");
  expect(creators).toHaveLength(1);
  for (const r of replies.filter((r) => !creators.includes(r))) {
    if (r.status === 409) {
      expect(r.body).toEqual({
        error: {
          code: "email_taken",
          message: "Un compte vient d'être créé avec l'une des adresses du fichier : rien n'a été importé. Relancez l'import pour en tenir compte.",
        },
      });
    } else {
      expect(r.status).toBe(200);
      expect(r.body.plan).toEqual([expect.objectContaining({ email, user: "existing", membership: "unchanged" })]);
    }
  }
  expect(await count("SELECT count(*)::int AS n FROM users WHERE email = $1", email)).toBe(1);
});
