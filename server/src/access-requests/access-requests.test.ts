import { beforeAll, describe, expect, it } from "vitest";
import { spaceId, startTestServer, type Client, type TestServer } from "../../test/harness.js";
import { lastMailTo, mailsTo } from "../mail/test-outbox.js";
import { ask, freshAsker as freshAskerOf } from "./test-helpers.js";

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

const freshAsker = () => freshAskerOf(server, admin);

const idOfPilote = async () =>
  (await server.services.db.query<{ id: string }>("SELECT id FROM users WHERE email = 'pilote.sud-ouest@atelier.test'"))[0]!.id;

describe("asking for access", () => {
  it("answers 202 without naming the space, mails its pilotes, and shows the request to them", async () => {
    const asker = await freshAsker();
    const before = (await mailsTo(server, "pilote.grand-sud@atelier.test")).length;
    const r = await ask(asker.client, grandSud);
    expect(r.status).toBe(202);
    expect(JSON.stringify(r.body)).not.toMatch(/Grand-Sud|Paul|pilote\./i);
    expect(r.body.message).toMatch(/transmise/);

    const mails = await mailsTo(server, "pilote.grand-sud@atelier.test");
    expect(mails).toHaveLength(before + 1);
    expect(mails.at(-1)!.subject).toMatch(/^Demande d'accès à l'espace « .*Grand-Sud.* »$/);
    expect(mails.at(-1)!.text).toContain(`Denis Demandeur (${asker.email})`);
    expect(mails.at(-1)!.text).toContain("dont vous êtes pilote");
    expect(mails.at(-1)!.text).toContain("> Je co-anime l'atelier 3.");
    expect(mails.at(-1)!.text).toContain(`${server.config.publicUrl}/espaces/${grandSud}`);

    const inSpace = await pilote.get(`/api/spaces/${grandSud}/access-requests`);
    expect(inSpace.status).toBe(200);
    expect(inSpace.body.requests.find((q: any) => q.requester.id === asker.id)).toMatchObject({
      space: { id: grandSud },
      requester: { email: asker.email, firstName: "Denis" },
      message: "Je co-anime l'atelier 3.",
    });
    const mine = await pilote.get("/api/access-requests");
    expect(mine.body.requests.map((q: any) => q.requester.id)).toContain(asker.id);
    const otherPilote = await server.as("pilote.sud-ouest@atelier.test");
    expect((await otherPilote.get("/api/access-requests")).body.requests.map((q: any) => q.requester.id)).not.toContain(asker.id);
    expect((await admin.get("/api/access-requests")).body.requests.map((q: any) => q.requester.id)).toContain(asker.id);
  });

  it("keeps one pending request per person and space, answering a second one alike", async () => {
    const asker = await freshAsker();
    const first = await ask(asker.client, sudOuest);
    const before = (await mailsTo(server, "pilote.sud-ouest@atelier.test")).length;
    const second = await ask(asker.client, sudOuest, { message: "Je relance." });
    expect(second.status).toBe(202);
    expect(second.body).toEqual(first.body);
    expect(await mailsTo(server, "pilote.sud-ouest@atelier.test")).toHaveLength(before);
    const rows = await server.services.db.query("SELECT 1 FROM access_requests WHERE user_id = $1", [asker.id]);
    expect(rows).toHaveLength(1);
  });

  it("says 404 for an unknown space, 409 to someone who already reads it, 401 when not logged in", async () => {
    const asker = await freshAsker();
    expect((await ask(asker.client, crypto.randomUUID())).status).toBe(404);
    expect((await ask(asker.client, "pas-un-id")).status).toBe(404);
    const membre = await server.as("membre.grand-sud@atelier.test");
    const already = await ask(membre, grandSud);
    expect(already.status).toBe(409);
    expect(already.body.error.message).toBe("Vous avez déjà accès à cet espace.");
    // A territorial member reads the regional spaces below: nothing to ask there either.
    const paca = await spaceId(server, "provence-alpes-cote-d-azur");
    expect((await ask(membre, paca)).status).toBe(409);
    expect((await ask(server.client(), grandSud)).status).toBe(401);
  });

  it("names bad input and records nothing", async () => {
    const asker = await freshAsker();
    const long = await ask(asker.client, grandSud, { message: "x".repeat(2001) });
    expect(long.status).toBe(400);
    expect(long.body.error.message).toMatch(/message/);
    const extra = await ask(asker.client, grandSud, { message: "bonjour", role: "pilote" });
    expect(extra.status).toBe(400);
    expect(JSON.stringify(extra.body.error)).toMatch(/non prévu\(s\) : Rôle/);
    const broken = await asker.client.raw("POST", `/api/spaces/${grandSud}/access-requests`, {
      body: "{",
      headers: { "content-type": "application/json" },
    });
    expect(broken.status).toBe(400);
    expect(await server.services.db.query("SELECT 1 FROM access_requests WHERE user_id = $1", [asker.id])).toHaveLength(0);
  });

  it("mails the admins, not the pilotes, when the space is archived", async () => {
    const asker = await freshAsker();
    const archived = await spaceId(server, "aquitaine");
    expect((await admin.put(`/api/admin/users/${await idOfPilote()}/memberships/${archived}`, { role: "pilote" })).status).toBe(200);
    expect((await admin.post(`/api/admin/spaces/${archived}/archive`)).status).toBe(200);
    const pilotesBefore = (await mailsTo(server, "pilote.sud-ouest@atelier.test")).length;
    const adminsBefore = (await mailsTo(server, "admin@atelier.test")).length;
    expect((await ask(asker.client, archived)).status).toBe(202);
    expect(await mailsTo(server, "pilote.sud-ouest@atelier.test")).toHaveLength(pilotesBefore);
    expect(await mailsTo(server, "admin@atelier.test")).toHaveLength(adminsBefore + 1);
  });

  it("mails the admins when the space has no pilote", async () => {
    const asker = await freshAsker();
    const corse = await spaceId(server, "corse");
    const before = (await mailsTo(server, "admin@atelier.test")).length;
    expect((await ask(asker.client, corse)).status).toBe(202);
    const mails = await mailsTo(server, "admin@atelier.test");
    expect(mails).toHaveLength(before + 1);
    expect(mails.at(-1)!.subject).toMatch(/Corse/);
    expect(mails.at(-1)!.text).toMatch(/que seul un administrateur peut ouvrir/);
  });
});

describe("deciding", () => {
  async function pendingOf(asker: { id: string }, space = grandSud) {
    const list = await admin.get(`/api/spaces/${space}/access-requests`);
    return list.body.requests.find((q: any) => q.requester.id === asker.id).id as string;
  }

  it("grants a role: the membership exists, the asker is told, the request is gone", async () => {
    const asker = await freshAsker();
    await ask(asker.client, grandSud);
    const id = await pendingOf(asker);
    const granted = await pilote.post(`/api/access-requests/${id}/grant`, { role: "contributeur" });
    expect(granted.status).toBe(200);
    expect(granted.body.member).toMatchObject({ userId: asker.id, role: "contributeur" });
    expect((await asker.client.get(`/api/spaces/${grandSud}`)).body.space.role).toBe("contributeur");
    const mail = await lastMailTo(server, asker.email);
    expect(mail.subject).toMatch(/est acceptée/);
    expect(mail.text).toMatch(/en tant que contributeur \(partenaire\)/);
    expect((await pilote.get(`/api/spaces/${grandSud}/access-requests`)).body.requests.map((q: any) => q.id)).not.toContain(id);

    const twice = await pilote.post(`/api/access-requests/${id}/decline`, {});
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toBe("Cette demande a déjà été traitée.");
  });

  it("declines with a reason: the asker is told without the space's name, and may ask again", async () => {
    const asker = await freshAsker();
    await ask(asker.client, grandSud);
    const id = await pendingOf(asker);
    expect((await pilote.post(`/api/access-requests/${id}/decline`, { reason: "Réservé aux membres du COPIL." })).status).toBe(204);
    const mail = await lastMailTo(server, asker.email);
    expect(mail.subject).toBe("Votre demande d'accès n'a pas été acceptée");
    expect(mail.text).toContain("> Réservé aux membres du COPIL.");
    expect(mail.text).not.toMatch(/Grand-Sud/);
    expect((await asker.client.get(`/api/spaces/${grandSud}`)).status).toBe(403);
    expect((await ask(asker.client, grandSud)).status).toBe(202);
  });

  it("refuses deciding to anyone who does not manage the space, and bad input", async () => {
    const asker = await freshAsker();
    await ask(asker.client, grandSud);
    const id = await pendingOf(asker);
    const otherPilote = await server.as("pilote.sud-ouest@atelier.test");
    expect((await otherPilote.post(`/api/access-requests/${id}/grant`, { role: "membre" })).status).toBe(403);
    const membre = await server.as("membre.grand-sud@atelier.test");
    expect((await membre.post(`/api/access-requests/${id}/grant`, { role: "membre" })).status).toBe(403);
    expect((await membre.get(`/api/spaces/${grandSud}/access-requests`)).status).toBe(403);
    expect((await membre.get("/api/access-requests")).body.requests).toEqual([]);
    expect((await asker.client.post(`/api/access-requests/${id}/grant`, { role: "pilote" })).status).toBe(403);
    expect((await server.client().get("/api/access-requests")).status).toBe(401);

    const badRole = await pilote.post(`/api/access-requests/${id}/grant`, { role: "chef" });
    expect(badRole.status).toBe(400);
    expect(JSON.stringify(badRole.body.error)).toMatch(/Rôle inconnu/);
    expect((await pilote.post(`/api/access-requests/${crypto.randomUUID()}/grant`, { role: "membre" })).status).toBe(404);
    expect((await pilote.post("/api/access-requests/pas-un-id/decline", {})).status).toBe(404);
    expect((await asker.client.get(`/api/spaces/${grandSud}`)).status).toBe(403);
    expect(await pendingOf(asker)).toBe(id);
  });
});
