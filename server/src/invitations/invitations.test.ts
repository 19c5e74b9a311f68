import { beforeAll, describe, expect, it } from "vitest";
import { spaceId, startTestServer, type Client, type TestServer } from "../../test/harness.js";
import { lastMailTo, mailsTo, tokenIn } from "../mail/test-outbox.js";

let server: TestServer;
let admin: Client;
let pilote: Client;
let grandSud: string;
let sudOuest: string;
beforeAll(async () => {
  server = await startTestServer();
  admin = await server.as("admin@atelier.test");
  pilote = await server.as("pilote.grand-sud@atelier.test");
  grandSud = await spaceId(server, "grand-sud");
  sudOuest = await spaceId(server, "sud-ouest");
});

const fresh = () => `invite-${crypto.randomUUID().slice(0, 8)}@exemple.gouv.fr`;
const PASSWORD = "un mot de passe solide";

async function invite(by: Client, space: string, body: Record<string, unknown>) {
  return by.post(`/api/spaces/${space}/invitations`, body);
}

describe("inviting into a space", () => {
  it("mails a new address a link; the invitee sets a password, joins the space and is logged in", async () => {
    const email = fresh();
    const r = await invite(pilote, grandSud, {
      email: email.toUpperCase(),
      role: "membre",
      firstName: "Inès",
      organisation: "CAF du Var",
      message: "Bienvenue dans le COPIL !",
    });
    expect(r.status).toBe(201);
    expect(r.body).toEqual({ email, role: "membre", spaceId: grandSud });

    const mail = await lastMailTo(server, email);
    expect(mail.subject).toMatch(/^Invitation à rejoindre « .*Grand-Sud.* » sur Atelier$/);
    expect(mail.text).toContain("Bonjour Inès,");
    expect(mail.text).toContain("Paul Pilote vous invite");
    expect(mail.text).toContain("> Bienvenue dans le COPIL !");
    expect(mail.text).toContain(`${server.config.publicUrl}/invitation?jeton=`);
    const token = tokenIn(mail, "/invitation");

    const preview = await server.client().get(`/api/invitations/${token}`);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({
      email,
      firstName: "Inès",
      organisation: "CAF du Var",
      space: { id: grandSud },
      role: "membre",
      invitedBy: "Paul Pilote",
      message: "Bienvenue dans le COPIL !",
    });

    const invitee = server.client();
    const accepted = await invitee.post(`/api/invitations/${token}/accept`, {
      password: PASSWORD,
      firstName: "Inès",
      lastName: "Martin",
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ spaceId: grandSud, user: { email, firstName: "Inès", lastName: "Martin", organisation: "CAF du Var" } });
    expect((await invitee.get("/api/me")).body.user.email).toBe(email);
    expect((await invitee.get(`/api/spaces/${grandSud}`)).body.space.role).toBe("membre");

    // Single use; the password works from now on.
    const again = await server.client().post(`/api/invitations/${token}/accept`, { password: PASSWORD, firstName: "X", lastName: "Y" });
    expect(again.status).toBe(410);
    expect(again.body.error.message).toMatch(/déjà été acceptée/);
    expect((await server.client().get(`/api/invitations/${token}`)).status).toBe(410);
    await server.client().login(email, PASSWORD);
  });

  it("adds an existing account at once, tells them by mail, and answers the inviter exactly the same", async () => {
    const stranger = "nouveau@atelier.test";
    const before = (await mailsTo(server, stranger)).length;
    const existing = await invite(pilote, grandSud, { email: stranger, role: "lecteur" });
    const unknown = await invite(pilote, grandSud, { email: fresh(), role: "lecteur" });
    expect(existing.status).toBe(unknown.status);
    expect(Object.keys(existing.body)).toEqual(Object.keys(unknown.body));
    expect(existing.body).toEqual({ email: stranger, role: "lecteur", spaceId: grandSud });

    const mails = await mailsTo(server, stranger);
    expect(mails).toHaveLength(before + 1);
    expect(mails.at(-1)!.subject).toMatch(/^Vous avez été ajouté à l'espace « .+ »$/);
    expect(mails.at(-1)!.text).not.toContain("jeton=");
    const newcomer = await server.as(stranger);
    expect((await newcomer.get(`/api/spaces/${grandSud}`)).body.space.role).toBe("lecteur");

    // Already a member: the role is kept, nobody is mailed, the answer is still the same.
    const twice = await invite(pilote, grandSud, { email: stranger, role: "pilote" });
    expect(twice.status).toBe(201);
    expect((await mailsTo(server, stranger))).toHaveLength(before + 1);
    expect((await newcomer.get(`/api/spaces/${grandSud}`)).body.space.role).toBe("lecteur");
    await admin.delete(`/api/admin/users/${(await newcomer.get("/api/me")).body.user.id}/memberships/${grandSud}`);
  });

  it("lets the invitee of several spaces join them all with one link", async () => {
    const email = fresh();
    await invite(admin, grandSud, { email, role: "contributeur" });
    const first = tokenIn(await lastMailTo(server, email), "/invitation");
    await invite(admin, sudOuest, { email, role: "lecteur" });
    const accepted = await server.client().post(`/api/invitations/${first}/accept`, { password: PASSWORD, firstName: "A", lastName: "B" });
    expect(accepted.body.spaceId).toBe(grandSud);
    const invitee = server.client();
    await invitee.login(email, PASSWORD);
    const spaces = (await invitee.get("/api/spaces")).body.spaces.filter((s: any) => s.role !== "inherited");
    expect(spaces.map((s: any) => [s.id, s.role]).sort()).toEqual([[grandSud, "contributeur"], [sudOuest, "lecteur"]].sort());
  });

  it("accepts two links of one person opened at once: one account, both spaces, the other link used", async () => {
    const email = fresh();
    await invite(admin, grandSud, { email, role: "membre" });
    const first = tokenIn(await lastMailTo(server, email), "/invitation");
    await invite(admin, sudOuest, { email, role: "membre" });
    const second = tokenIn(await lastMailTo(server, email), "/invitation");
    const body = { password: PASSWORD, firstName: "A", lastName: "B" };
    const replies = await Promise.all([first, second].map((t) => server.client().post(`/api/invitations/${t}/accept`, body)));
    expect(replies.map((r) => r.status).sort()).toEqual([200, 410]);
    const rows = await server.services.db.query<{ space_id: string }>(
      "SELECT m.space_id FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = $1",
      [email],
    );
    expect(rows.map((r) => r.space_id).sort()).toEqual([grandSud, sudOuest].sort());
  });

  it("refuses a deactivated account's invitation, and replaces the password of an account that has one", async () => {
    const email = fresh();
    const created = await admin.post("/api/admin/users", { email, firstName: "Eve", lastName: "Durand" });
    const userId = created.body.user.id;
    await invite(admin, grandSud, { email, role: "lecteur" });
    const token = tokenIn(await lastMailTo(server, email), "/invitation");
    expect((await admin.post(`/api/admin/users/${userId}/deactivate`)).status).toBe(200);
    const refused = await server.client().post(`/api/invitations/${token}/accept`, { password: PASSWORD, firstName: "E", lastName: "D" });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/désactivé/);
    expect((await admin.post(`/api/admin/users/${userId}/reactivate`)).status).toBe(200);

    // Meanwhile the person set a password through "mot de passe oublié" and logged in somewhere.
    await server.services.db.query(
      "UPDATE users SET password_hash = (SELECT password_hash FROM users WHERE email = 'nouveau@atelier.test') WHERE id = $1",
      [userId],
    );
    const elsewhere = await server.as(email);
    const accepted = await server.client().post(`/api/invitations/${token}/accept`, { password: PASSWORD, firstName: "Eve", lastName: "Durand" });
    expect(accepted.status).toBe(200);
    expect((await elsewhere.get("/api/me")).status).toBe(401);
    await server.client().login(email, PASSWORD);
  });

  it("lists pending invitations to managers and lets them cancel one, which kills its link", async () => {
    const email = fresh();
    await invite(pilote, grandSud, { email, role: "lecteur", firstName: "Zoé", lastName: "Roux" });
    const list = await pilote.get(`/api/spaces/${grandSud}/invitations`);
    expect(list.status).toBe(200);
    const pending = list.body.invitations.find((i: any) => i.email === email);
    expect(pending).toMatchObject({ role: "lecteur", firstName: "Zoé", lastName: "Roux", invitedBy: "Paul Pilote" });
    const token = tokenIn(await lastMailTo(server, email), "/invitation");

    expect((await pilote.delete(`/api/spaces/${sudOuest}/invitations/${pending.id}`)).status).toBe(403);
    expect((await admin.delete(`/api/spaces/${sudOuest}/invitations/${pending.id}`)).status).toBe(404);
    expect((await pilote.delete(`/api/spaces/${grandSud}/invitations/${pending.id}`)).status).toBe(204);
    expect((await pilote.delete(`/api/spaces/${grandSud}/invitations/${pending.id}`)).status).toBe(404);
    expect((await pilote.get(`/api/spaces/${grandSud}/invitations`)).body.invitations.map((i: any) => i.email)).not.toContain(email);
    const dead = await server.client().get(`/api/invitations/${token}`);
    expect(dead.status).toBe(410);
    expect(dead.body.error.message).toMatch(/annulée/);
  });

  it("replaces an older link when the same address is invited again", async () => {
    const email = fresh();
    await invite(pilote, grandSud, { email, role: "lecteur" });
    const old = tokenIn(await lastMailTo(server, email), "/invitation");
    await invite(pilote, grandSud, { email, role: "membre" });
    const current = tokenIn(await lastMailTo(server, email), "/invitation");
    expect((await server.client().get(`/api/invitations/${old}`)).status).toBe(410);
    expect((await server.client().get(`/api/invitations/${current}`)).body.role).toBe("membre");
  });

  it("refuses expired and unknown links with a French message", async () => {
    const email = fresh();
    await invite(pilote, grandSud, { email, role: "lecteur" });
    const token = tokenIn(await lastMailTo(server, email), "/invitation");
    await server.services.db.query("UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE email = $1", [email]);
    const expired = await server.client().post(`/api/invitations/${token}/accept`, { password: PASSWORD, firstName: "A", lastName: "B" });
    expect(expired.status).toBe(410);
    expect(expired.body.error.message).toMatch(/expiré/);
    expect((await server.services.db.query("SELECT 1 FROM users WHERE email = $1", [email])).length).toBe(0);

    const unknown = await server.client().get("/api/invitations/abcdefghijkmnpqrstuvwxyz23456789");
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/n'est pas valide/);
    expect((await server.client().get("/api/invitations/pas-un-jeton")).status).toBe(400);
  });

  it("sets the password of an account an admin created, keeping what the admin wrote", async () => {
    const email = fresh();
    const created = await admin.post("/api/admin/users", {
      email,
      firstName: "Hugo",
      lastName: "Bernard",
      organisation: "Préfecture de Corse",
    });
    expect(created.status).toBe(201);
    // The admin's invitation path: an account without a password gets a link, not an "ajouté" mail.
    await invite(admin, grandSud, { email, role: "membre" });
    const mail = await lastMailTo(server, email);
    expect(mail.text).toContain("Bonjour Hugo,");
    const accepted = await server.client().post(`/api/invitations/${tokenIn(mail, "/invitation")}/accept`, {
      password: PASSWORD,
      firstName: "Hugo",
      lastName: "Bernard-Santoni",
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body.user).toMatchObject({ id: created.body.user.id, organisation: "Préfecture de Corse", lastName: "Bernard-Santoni" });
  });
});

describe("who may invite", () => {
  it("refuses a pilote outside their space, members, and anonymous callers; 404 for an unknown space", async () => {
    const body = { email: fresh(), role: "lecteur" };
    expect((await invite(pilote, sudOuest, body)).status).toBe(403);
    const membre = await server.as("membre.grand-sud@atelier.test");
    expect((await invite(membre, grandSud, body)).status).toBe(403);
    expect((await membre.get(`/api/spaces/${grandSud}/invitations`)).status).toBe(403);
    expect((await invite(server.client(), grandSud, body)).status).toBe(401);
    const unknown = await invite(admin, crypto.randomUUID(), body);
    expect(unknown.status).toBe(404);
    expect((await mailsTo(server, body.email))).toHaveLength(0);
  });

  it("lets a pilote invite another pilote into their space", async () => {
    const email = fresh();
    expect((await invite(pilote, grandSud, { email, role: "pilote" })).status).toBe(201);
  });
});

describe("bad input", () => {
  it("names unknown roles, missing and extra fields, too-long messages, bad JSON; writes nothing", async () => {
    const email = fresh();
    const cases: [unknown, RegExp][] = [
      [{ email, role: "chef" }, /role/],
      [{ role: "membre" }, /email/],
      [{ email: "pas-une-adresse", role: "membre" }, /email/],
      [{ email, role: "membre", admin: true }, /champ\(s\) non prévu\(s\) : admin/],
      [{ email, role: "membre", message: "x".repeat(2001) }, /message/],
    ];
    for (const [body, pattern] of cases) {
      const r = await invite(pilote, grandSud, body as Record<string, unknown>);
      expect(r.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(JSON.stringify(r.body.error), JSON.stringify(body).slice(0, 80)).toMatch(pattern);
    }
    const broken = await pilote.raw("POST", `/api/spaces/${grandSud}/invitations`, {
      body: "{email",
      headers: { "content-type": "application/json" },
    });
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as any).error.code).toBe("invalid_json");
    expect(await server.services.db.query("SELECT 1 FROM invitations WHERE email = $1", [email])).toHaveLength(0);
    expect(await mailsTo(server, email)).toHaveLength(0);
  });

  it("refuses a short password at acceptance without using the link", async () => {
    const email = fresh();
    await invite(pilote, grandSud, { email, role: "lecteur" });
    const token = tokenIn(await lastMailTo(server, email), "/invitation");
    const short = await server.client().post(`/api/invitations/${token}/accept`, { password: "court", firstName: "A", lastName: "B" });
    expect(short.status).toBe(400);
    expect(JSON.stringify(short.body.error)).toMatch(/au moins 12 caractères/);
    const missing = await server.client().post(`/api/invitations/${token}/accept`, { password: PASSWORD });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(/Prénom/);
    expect((await server.client().get(`/api/invitations/${token}`)).status).toBe(200);
  });
});
