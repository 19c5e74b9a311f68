import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, spaceId, startTestServer, type Client, type TestServer } from "../../test/harness.js";
import { hashPassword } from "../auth/passwords.js";
import { auditAbout, mailsTo, newUserBody, recordAccessChanges, unique } from "./test-helpers.js";

let server: TestServer;
let admin: Client;
beforeAll(async () => {
  server = await startTestServer();
  admin = await server.as("admin@atelier.test");
});

const idOf = async (email: string) =>
  (await server.services.db.query<{ id: string }>("SELECT id FROM users WHERE email = $1", [email]))[0]!.id;

describe("GET /api/admin/users", () => {
  it("lists everyone with their memberships", async () => {
    const r = await admin.get("/api/admin/users?limit=500");
    expect(r.status).toBe(200);
    expect(r.body.total).toBeGreaterThanOrEqual(10);
    const paul = r.body.users.find((u: any) => u.email === "pilote.grand-sud@atelier.test");
    expect(paul).toMatchObject({ firstName: "Paul", lastName: "Pilote", platformRole: null, active: true, hasPassword: true });
    expect(paul.memberships).toEqual([
      expect.objectContaining({ spaceSlug: "grand-sud", level: "territorial", role: "pilote", archived: false }),
    ]);
  });

  it("searches names, emails and organisations, ignoring accents and case", async () => {
    const byName = await admin.get(`/api/admin/users?q=${encodeURIComponent("lea lectrice")}`);
    expect(byName.body.users.map((u: any) => u.email)).toEqual(["lecteur.grand-sud@atelier.test"]);
    const byOrganisation = await admin.get("/api/admin/users?q=uniopss");
    expect(byOrganisation.body.users.map((u: any) => u.email)).toEqual(["partenaire@atelier.test"]);
    const byEmail = await admin.get("/api/admin/users?q=MEMBRE.CORSE");
    expect(byEmail.body.total).toBe(1);
    // LIKE wildcards typed by the admin are literal characters.
    expect((await admin.get("/api/admin/users?q=%25")).body.total).toBe(0);
  });

  it("filters by platform role and by activity, and pages", async () => {
    const admins = await admin.get("/api/admin/users?platformRole=admin");
    expect(admins.body.users.every((u: any) => u.platformRole === "admin")).toBe(true);
    const none = await admin.get("/api/admin/users?platformRole=none&active=true&limit=2");
    expect(none.body.users).toHaveLength(2);
    expect(none.body.total).toBeGreaterThan(2);
    expect(none.body.users.every((u: any) => u.platformRole === null && u.active)).toBe(true);
    const beyond = await admin.get("/api/admin/users?offset=10000");
    expect(beyond.body).toEqual({ users: [], total: expect.any(Number) });
    expect(beyond.body.total).toBeGreaterThan(0);
  });

  it("refuses unknown filters naming them", async () => {
    const r = await admin.get("/api/admin/users?platformRole=chef&active=peut-etre&tri=nom");
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/Rôle de plateforme/);
    expect(r.body.error.message).toMatch(/active/);
    expect(JSON.stringify(r.body.error.details)).toMatch(/tri/);
  });
});

describe("POST /api/admin/users", () => {
  it("creates an account without a password, with a first membership", async () => {
    const corse = await spaceId(server, "corse");
    const body = newUserBody({ email: `  ${unique("Nouvelle")}@Exemple.Gouv.fr `, membership: { spaceId: corse, role: "membre" } });
    const r = await admin.post("/api/admin/users", body);
    expect(r.status).toBe(201);
    expect(r.body.user).toMatchObject({
      email: body.email.trim().toLowerCase(),
      firstName: "Hélène",
      platformRole: null,
      active: true,
      hasPassword: false,
    });
    expect(r.body.user.memberships).toEqual([expect.objectContaining({ spaceId: corse, role: "membre" })]);
    expect((await admin.get(`/api/admin/users/${r.body.user.id}`)).body.user.email).toBe(r.body.user.email);
    // The person is invited to choose a password, into that space.
    const mails = await mailsTo(server, r.body.user.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatch(/invitation\?jeton=/);
    const invitations = await server.services.db.query<{ space_id: string; role: string }>(
      "SELECT space_id, role FROM invitations WHERE email = $1",
      [r.body.user.email],
    );
    expect(invitations).toEqual([{ space_id: corse, role: "membre" }]);
    const audit = await auditAbout(server, r.body.user.id);
    expect(audit.map((e) => [e.kind, e.actor_email])).toEqual([
      ["membership.granted", "admin@atelier.test"],
      ["user.created", "admin@atelier.test"],
    ]);
  });

  it("creates a member of the national team", async () => {
    const r = await admin.post("/api/admin/users", newUserBody({ platformRole: "national" }));
    expect(r.status).toBe(201);
    expect(r.body.user.platformRole).toBe("national");
    expect(r.body.user.memberships).toEqual([]);
    expect(await mailsTo(server, r.body.user.email)).toHaveLength(1);
  });

  it("refuses an email already in use (409) and writes nothing", async () => {
    const r = await admin.post("/api/admin/users", newUserBody({ email: "Membre.Corse@atelier.test" }));
    expect(r.status).toBe(409);
    expect(r.body.error.message).toMatch(/membre\.corse@atelier\.test/);
  });

  it("refuses an unknown space for the first membership and leaves no account behind", async () => {
    const body = newUserBody({ membership: { spaceId: crypto.randomUUID(), role: "membre" } });
    const r = await admin.post("/api/admin/users", body);
    expect(r.status).toBe(404);
    expect(r.body.error.message).toMatch(/espace/i);
    expect(await server.services.db.query("SELECT 1 FROM users WHERE email = $1", [body.email])).toEqual([]);
    expect(await mailsTo(server, body.email)).toEqual([]);
  });

  it.each([
    ["a malformed email", { email: "pas-une-adresse" }, /^Adresse électronique invalide\.$/],
    ["an unknown platform role", { platformRole: "superviseur" }, /Rôle de plateforme inconnu/],
    ["an unknown space role", { membership: { spaceId: crypto.randomUUID(), role: "chef" } }, /Rôle inconnu/],
    ["a too-long name", { lastName: "x".repeat(101) }, /^Nom : au plus 100 caractères\.$/],
    ["an empty first name", { firstName: "   " }, /^Prénom : obligatoire\.$/],
    ["an extra field", { password: "choisi-par-l-admin" }, /champ\(s\) non prévu\(s\) : Mot de passe/],
  ])("refuses %s with a 400 naming it", async (_, extra, pattern) => {
    const r = await admin.post("/api/admin/users", newUserBody(extra));
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(pattern);
  });

  it("refuses a missing field and malformed JSON", async () => {
    const missing = await admin.post("/api/admin/users", { email: "x@exemple.fr", firstName: "X" });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(/Nom : obligatoire/);
    const res = await admin.raw("POST", "/api/admin/users", { body: "{ pas du json", headers: { "content-type": "application/json" } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).error.code).toBe("invalid_json");
  });
});

describe("PATCH /api/admin/users/:id", () => {
  it("changes names, organisation and platform role, and announces the role change", async () => {
    const created = (await admin.post("/api/admin/users", newUserBody())).body.user;
    const seen = recordAccessChanges(server);
    const names = await admin.patch(`/api/admin/users/${created.id}`, { firstName: "Hugo", organisation: "" });
    expect(names.status).toBe(200);
    expect(names.body.user).toMatchObject({ firstName: "Hugo", lastName: "Durand", organisation: "" });
    expect(seen).toEqual([]);
    const role = await admin.patch(`/api/admin/users/${created.id}`, { platformRole: "national" });
    expect(role.body.user.platformRole).toBe("national");
    expect(seen).toEqual([{ kind: "user", userId: created.id }]);
    const back = await admin.patch(`/api/admin/users/${created.id}`, { platformRole: null });
    expect(back.body.user.platformRole).toBeNull();
    const audit = (await auditAbout(server, created.id)).filter((e) => e.kind === "user.platform_role_changed");
    expect(audit.map((e) => e.details)).toEqual([
      { from: null, to: "national" },
      { from: "national", to: null },
    ]);
  });

  it("refuses an admin removing their own admin role", async () => {
    const r = await admin.patch(`/api/admin/users/${await idOf("admin@atelier.test")}`, { platformRole: "national" });
    expect(r.status).toBe(409);
    expect(r.body.error.message).toMatch(/propre rôle/);
    expect((await admin.get("/api/me")).body.user.platformRole).toBe("admin");
  });

  it("answers 404 for an unknown account and 400 for an empty or wrong change", async () => {
    expect((await admin.patch(`/api/admin/users/${crypto.randomUUID()}`, { firstName: "X" })).status).toBe(404);
    expect((await admin.patch("/api/admin/users/42", { firstName: "X" })).status).toBe(404);
    const id = await idOf("membre.corse@atelier.test");
    const empty = await admin.patch(`/api/admin/users/${id}`, {});
    expect(empty.status).toBe(400);
    expect(empty.body.error.details[0].message).toMatch(/Aucun champ/);
    const email = await admin.patch(`/api/admin/users/${id}`, { email: "autre@exemple.fr" });
    expect(email.status).toBe(400);
    expect(email.body.error.message).toMatch(/non prévu\(s\) : Adresse électronique/);
  });
});

describe("deactivation", () => {
  it("ends every session at once, announces it, and reactivation lets the person log in again", async () => {
    const email = "membre.sud-ouest@atelier.test";
    const id = await idOf(email);
    const [first, second] = [await server.as(email), await server.as(email)];
    expect((await first.get("/api/me")).status).toBe(200);
    const seen = recordAccessChanges(server);

    const r = await admin.post(`/api/admin/users/${id}/deactivate`);
    expect(r.status).toBe(200);
    expect(r.body.user.active).toBe(false);
    expect(seen).toEqual([{ kind: "user", userId: id }]);
    expect((await first.get("/api/me")).status).toBe(401);
    expect((await second.get("/api/spaces")).status).toBe(401);
    expect(await server.services.db.query("SELECT 1 FROM sessions WHERE user_id = $1", [id])).toEqual([]);
    await expect(server.as(email)).rejects.toThrow(/401/);
    const listed = await admin.get("/api/admin/users?active=false");
    expect(listed.body.users.map((u: any) => u.email)).toContain(email);

    const back = await admin.post(`/api/admin/users/${id}/reactivate`);
    expect(back.status).toBe(200);
    expect(back.body.user.active).toBe(true);
    expect((await (await server.as(email)).get("/api/me")).status).toBe(200);
    expect((await auditAbout(server, id)).map((e) => e.kind)).toEqual(["user.deactivated", "user.reactivated"]);
  });

  it("refuses an admin deactivating themselves, in French", async () => {
    const r = await admin.post(`/api/admin/users/${await idOf("admin@atelier.test")}/deactivate`);
    expect(r.status).toBe(409);
    expect(r.body.error.message).toBe("Vous ne pouvez pas désactiver votre propre compte.");
    expect((await admin.get("/api/me")).status).toBe(200);
  });

  it("refuses to deactivate a space's last pilote, in French, and the page knows it", async () => {
    const id = await idOf("pilote.sud-ouest@atelier.test");
    const r = await admin.post(`/api/admin/users/${id}/deactivate`);
    expect(r.status).toBe(409);
    expect(r.body.error).toMatchObject({ code: "last_pilote" });
    expect(r.body.error.message).toMatch(/^C'est le dernier pilote de « COPIL territorial Sud-Ouest »/);
    const jean = (await admin.get(`/api/admin/users/${id}`)).body.user;
    expect(jean).toMatchObject({ active: true, lastAdmin: false, memberships: [expect.objectContaining({ lastPilote: true })] });
    expect((await admin.get(`/api/admin/users/${await idOf("admin@atelier.test")}`)).body.user.lastAdmin).toBe(true);
  });

  it("lets an admin deactivate another admin while another remains", async () => {
    const other = (await admin.post("/api/admin/users", newUserBody({ platformRole: "admin" }))).body.user;
    const r = await admin.post(`/api/admin/users/${other.id}/deactivate`);
    expect(r.status).toBe(200);
  });

  it("answers 404 for an unknown account", async () => {
    expect((await admin.post(`/api/admin/users/${crypto.randomUUID()}/deactivate`)).status).toBe(404);
    expect((await admin.post(`/api/admin/users/${crypto.randomUUID()}/reactivate`)).status).toBe(404);
  });
});

describe("memberships as admin", () => {
  it("adds, changes and removes a membership, announcing each change", async () => {
    const user = (await admin.post("/api/admin/users", newUserBody())).body.user;
    const aquitaine = await spaceId(server, "aquitaine");
    const seen = recordAccessChanges(server);
    const url = `/api/admin/users/${user.id}/memberships/${aquitaine}`;

    const added = await admin.put(url, { role: "lecteur" });
    expect(added.status).toBe(200);
    expect(added.body.user.memberships).toEqual([expect.objectContaining({ spaceSlug: "aquitaine", role: "lecteur" })]);
    const changed = await admin.put(url, { role: "membre" });
    expect(changed.body.user.memberships).toEqual([expect.objectContaining({ spaceSlug: "aquitaine", role: "membre" })]);
    const removed = await admin.delete(url);
    expect(removed.status).toBe(200);
    expect(removed.body.user.memberships).toEqual([]);
    expect(seen).toEqual(Array(3).fill({ kind: "membership", userId: user.id, spaceId: aquitaine }));
    const audit = await auditAbout(server, user.id);
    expect(audit.filter((e) => e.space_id === aquitaine).map((e) => [e.kind, e.details])).toEqual([
      ["membership.granted", { role: "lecteur" }],
      ["membership.role_changed", { from: "lecteur", to: "membre" }],
      ["membership.removed", { role: "membre" }],
    ]);
    expect((await admin.delete(url)).status).toBe(404);
  });

  it("shows the new member the space at once", async () => {
    const id = await idOf("nouveau@atelier.test");
    const corse = await spaceId(server, "corse");
    const newcomer = await server.as("nouveau@atelier.test");
    expect((await newcomer.get(`/api/spaces/${corse}`)).status).toBe(403);
    await admin.put(`/api/admin/users/${id}/memberships/${corse}`, { role: "contributeur" });
    expect((await newcomer.get(`/api/spaces/${corse}`)).body.space.role).toBe("contributeur");
    await admin.delete(`/api/admin/users/${id}/memberships/${corse}`);
    expect((await newcomer.get(`/api/spaces/${corse}`)).status).toBe(403);
  });

  it("answers 404 for an unknown person or space and 400 for an unknown role", async () => {
    const id = await idOf("membre.corse@atelier.test");
    const corse = await spaceId(server, "corse");
    expect((await admin.put(`/api/admin/users/${crypto.randomUUID()}/memberships/${corse}`, { role: "membre" })).status).toBe(404);
    const space = await admin.put(`/api/admin/users/${id}/memberships/${crypto.randomUUID()}`, { role: "membre" });
    expect(space.status).toBe(404);
    expect(space.body.error.message).toMatch(/espace/);
    const role = await admin.put(`/api/admin/users/${id}/memberships/${corse}`, { role: "chef" });
    expect(role.status).toBe(400);
    expect(role.body.error.details[0].message).toMatch(/Rôle inconnu/);
    // Nothing changed for the existing member.
    const me = await (await server.as("membre.corse@atelier.test")).get(`/api/spaces/${corse}`);
    expect(me.body.space.role).toBe("membre");
  });
});

describe("the last active admin", () => {
  it("survives two admins deactivating each other at the same moment", async () => {
    const other = (await admin.post("/api/admin/users", newUserBody({ platformRole: "admin" }))).body.user;
    await server.services.db.query("UPDATE users SET password_hash = $2 WHERE id = $1", [other.id, await hashPassword(DEMO_PASSWORD)]);
    const second = await server.as(other.email);
    const first = admin;
    const firstId = await idOf("admin@atelier.test");
    const activeAdmins = async () =>
      (await server.services.db.query<{ n: number }>("SELECT count(*)::int AS n FROM users WHERE platform_role = 'admin' AND active"))[0]!.n;
    expect(await activeAdmins()).toBe(2);

    const [a, b] = await Promise.all([
      first.post(`/api/admin/users/${other.id}/deactivate`),
      second.post(`/api/admin/users/${firstId}/deactivate`),
    ]);
    const statuses = [a.status, b.status].sort();
    expect(statuses[0]).toBe(200);
    // The other one is refused: either its session already ended (401) or it met the last admin (409).
    expect([401, 409]).toContain(statuses[1]);
    expect(await activeAdmins()).toBe(1);
    const refused = [a, b].find((r) => r.status === 409);
    if (refused) expect(refused.body.error.message).toMatch(/dernier administrateur actif/);

    // Put things back for the admin client of this file.
    const survivor = a.status === 200 ? first : second;
    await survivor.post(`/api/admin/users/${a.status === 200 ? other.id : firstId}/reactivate`);
    admin = await server.as("admin@atelier.test");
    expect(await activeAdmins()).toBe(2);
  });
});
