/** What the access-request tests share: a new person in no space, able to log in. */
import type { Client, TestServer } from "../../test/harness.js";
import { freshEmail } from "../members/test-helpers.js";

/** A new account in no space, with the demo password so that server.as() logs it in. */
export async function freshAsker(server: TestServer, admin: Client): Promise<{ email: string; client: Client; id: string }> {
  const email = freshEmail("demande");
  const created = await admin.post("/api/admin/users", { email, firstName: "Denis", lastName: "Demandeur" });
  await server.services.db.query("UPDATE users SET password_hash = (SELECT password_hash FROM users WHERE email = 'nouveau@atelier.test') WHERE email = $1", [email]);
  return { email, client: await server.as(email), id: created.body.user.id };
}

export const ask = (client: Client, space: string, body: unknown = { message: "Je co-anime l'atelier 3." }) =>
  client.post(`/api/spaces/${space}/access-requests`, body);
