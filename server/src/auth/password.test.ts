import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, startTestServer, type TestServer } from "../../test/harness.js";
import { mailsTo, tokenIn, waitForMailTo } from "../mail/test-outbox.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

const NEW_PASSWORD = "un tout nouveau mot de passe";
const forgot = (email: string) => server.client().post("/api/auth/password/forgot", { email });
const reset = (token: string, password = NEW_PASSWORD) =>
  server.client().post("/api/auth/password/reset", { token, password });

/** Asks for a link for a fresh account and returns the token the mail carries. */
async function freshAccountWithLink() {
  const email = `oubli-${crypto.randomUUID().slice(0, 8)}@exemple.gouv.fr`;
  const admin = await server.as("admin@atelier.test");
  const created = await admin.post("/api/admin/users", { email, firstName: "Odile", lastName: "Oubli" });
  expect(created.status).toBe(201);
  expect((await forgot(email)).status).toBe(202);
  // The first mail is the invitation the account's creation sent.
  const token = tokenIn(await waitForMailTo(server, email, 2), "/reinitialiser-mot-de-passe");
  return { email, token, id: created.body.user.id as string };
}

describe("mot de passe oublié", () => {
  it("answers an existing and an unknown address alike, and mails only the existing one", async () => {
    const known = await forgot("membre.corse@atelier.test");
    const unknown = await forgot("personne-inconnue@exemple.gouv.fr");
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(known.body).toEqual(unknown.body);
    expect(known.body.message).toMatch(/Si un compte/);

    const mail = await waitForMailTo(server, "membre.corse@atelier.test");
    expect(mail.subject).toBe("Réinitialisation de votre mot de passe Atelier");
    expect(mail.text).toContain("Bonjour Lucia,");
    expect(mail.text).toContain(`${server.config.publicUrl}/reinitialiser-mot-de-passe?jeton=`);
    expect(await mailsTo(server, "personne-inconnue@exemple.gouv.fr")).toHaveLength(0);
    // Only a hash of the token is stored.
    const token = tokenIn(mail, "/reinitialiser-mot-de-passe");
    const stored = await server.services.db.query<{ token_hash: string }>("SELECT token_hash FROM password_resets");
    expect(stored.some((r) => r.token_hash.includes(token))).toBe(false);
  });

  it("sets the new password, ends every session of the account and works once", async () => {
    const lecteur = await server.as("lecteur.grand-sud@atelier.test");
    expect((await lecteur.get("/api/me")).status).toBe(200);
    await forgot("lecteur.grand-sud@atelier.test");
    const token = tokenIn(await waitForMailTo(server, "lecteur.grand-sud@atelier.test"), "/reinitialiser-mot-de-passe");

    const done = await reset(token);
    expect(done.status).toBe(200);
    expect(done.body.message).toMatch(/mot de passe est changé/);
    expect((await lecteur.get("/api/me")).status).toBe(401);
    expect((await server.client().post("/api/auth/login", { email: "lecteur.grand-sud@atelier.test", password: DEMO_PASSWORD })).status).toBe(401);
    await server.client().login("lecteur.grand-sud@atelier.test", NEW_PASSWORD);

    const again = await reset(token, "encore un autre mot de passe");
    expect(again.status).toBe(400);
    expect(again.body.error.message).toMatch(/déjà servi/);
    await server.client().login("lecteur.grand-sud@atelier.test", NEW_PASSWORD);
  });

  it("kills the older links of the account once one has served", async () => {
    const { email, token: first } = await freshAccountWithLink();
    await forgot(email);
    const second = tokenIn(await waitForMailTo(server, email, 3), "/reinitialiser-mot-de-passe");
    expect((await reset(second)).status).toBe(200);
    expect((await reset(first)).status).toBe(400);
  });

  it("refuses an expired or unknown link in French, and a short password, changing nothing", async () => {
    const { email, token } = await freshAccountWithLink();
    const short = await reset(token, "court");
    expect(short.status).toBe(400);
    expect(JSON.stringify(short.body.error)).toMatch(/au moins 12 caractères/);

    await server.services.db.query(
      "UPDATE password_resets SET expires_at = now() - interval '1 second' WHERE user_id = (SELECT id FROM users WHERE email = $1)",
      [email],
    );
    const expired = await reset(token);
    expect(expired.status).toBe(400);
    expect(expired.body.error.message).toMatch(/a expiré/);
    const [row] = await server.services.db.query<{ password_hash: string | null }>("SELECT password_hash FROM users WHERE email = $1", [email]);
    expect(row!.password_hash).toBeNull();

    const unknown = await reset("abcdefghijkmnpqrstuvwxyz23456789");
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/n'est pas valide/);
    expect((await reset("pas un jeton !")).status).toBe(400);
  });

  it("names bad input: missing and extra fields, malformed addresses", async () => {
    const missing = await server.client().post("/api/auth/password/forgot", {});
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(/Adresse électronique/);
    const extra = await server.client().post("/api/auth/password/forgot", { email: "a@b.fr", admin: true });
    expect(extra.status).toBe(400);
    expect((await server.client().post("/api/auth/password/forgot", { email: "pas une adresse" })).status).toBe(400);
    const noToken = await server.client().post("/api/auth/password/reset", { password: NEW_PASSWORD });
    expect(noToken.body.error.message).toMatch(/Lien/);
  });

  it("throttles repeated requests for one address, whether or not it has an account", async () => {
    for (const email of ["membre.sud-ouest@atelier.test", "inconnu-repete@exemple.gouv.fr"]) {
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await forgot(email)).status);
      expect(statuses.slice(0, 4)).toEqual([202, 202, 202, 202]);
      expect(statuses.slice(4)).toEqual([429, 429]);
      const refused = await forgot(email);
      expect(refused.body.error.message).toMatch(/Trop de demandes de réinitialisation.*Réessayez dans \d+ secondes/);
      expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
    }
    // Another address from the same machine is still served.
    expect((await forgot("pilote.sud-ouest@atelier.test")).status).toBe(202);
  });
});
