import { beforeAll, describe, expect, it } from "vitest";
import { spaceId, startTestServer, type Client, type TestServer } from "../../test/harness.js";
import type { AccessChange } from "../events/bus.js";
import { freshMember } from "./test-helpers.js";

let server: TestServer;
let admin: Client;
let pilote: Client;
let grandSud: string;
let sudOuest: string;
const changes: AccessChange[] = [];
beforeAll(async () => {
  server = await startTestServer();
  server.services.bus.onAccessChanged((c) => changes.push(c));
  admin = await server.as("admin@atelier.test");
  pilote = await server.as("pilote.grand-sud@atelier.test");
  grandSud = await spaceId(server, "grand-sud");
  sudOuest = await spaceId(server, "sud-ouest");
});

const roleOf = async (space: string, userId: string) =>
  (await admin.get(`/api/spaces/${space}/members`)).body.members.find((m: any) => m.userId === userId)?.role ?? null;
const idOf = async (email: string) =>
  (await server.services.db.query<{ id: string }>("SELECT id FROM users WHERE email = $1", [email]))[0]!.id;

describe("changing a member's role", () => {
  it("lets the space's pilote change a role, and announces it to the collaboration sockets", async () => {
    const userId = await freshMember(admin, grandSud, "lecteur");
    const r = await pilote.patch(`/api/spaces/${grandSud}/members/${userId}`, { role: "membre" });
    expect(r.status).toBe(200);
    expect(r.body.member).toMatchObject({ userId, role: "membre", firstName: "Test" });
    expect(await roleOf(grandSud, userId)).toBe("membre");
    expect(changes).toContainEqual({ kind: "membership", userId, spaceId: grandSud });
  });

  it("refuses anyone who does not manage the space, and says 404 for someone who is not a member", async () => {
    const userId = await freshMember(admin, sudOuest, "lecteur");
    expect((await pilote.patch(`/api/spaces/${sudOuest}/members/${userId}`, { role: "membre" })).status).toBe(403);
    const membre = await server.as("membre.grand-sud@atelier.test");
    const inGrandSud = await freshMember(admin, grandSud, "lecteur");
    expect((await membre.patch(`/api/spaces/${grandSud}/members/${inGrandSud}`, { role: "membre" })).status).toBe(403);
    expect((await membre.delete(`/api/spaces/${grandSud}/members/${inGrandSud}`)).status).toBe(403);
    expect(await roleOf(grandSud, inGrandSud)).toBe("lecteur");

    const notMember = await pilote.patch(`/api/spaces/${grandSud}/members/${userId}`, { role: "membre" });
    expect(notMember.status).toBe(404);
    expect(notMember.body.error.message).toBe("Cette personne n'est pas membre de cet espace.");
    expect((await pilote.patch(`/api/spaces/${grandSud}/members/pas-un-id`, { role: "membre" })).status).toBe(404);
    expect((await admin.patch(`/api/spaces/${crypto.randomUUID()}/members/${userId}`, { role: "membre" })).status).toBe(404);
  });

  it("names bad input and changes nothing", async () => {
    const userId = await freshMember(admin, grandSud, "lecteur");
    const unknownRole = await pilote.patch(`/api/spaces/${grandSud}/members/${userId}`, { role: "chef" });
    expect(unknownRole.status).toBe(400);
    expect(JSON.stringify(unknownRole.body.error)).toMatch(/Rôle inconnu/);
    const extra = await pilote.patch(`/api/spaces/${grandSud}/members/${userId}`, { role: "membre", admin: true });
    expect(extra.status).toBe(400);
    expect(JSON.stringify(extra.body.error)).toMatch(/admin/);
    expect((await pilote.patch(`/api/spaces/${grandSud}/members/${userId}`, {})).status).toBe(400);
    expect(await roleOf(grandSud, userId)).toBe("lecteur");
  });
});

describe("removing a member", () => {
  it("lets the pilote remove a member, who then cannot read the space", async () => {
    const stranger = await server.as("nouveau@atelier.test");
    const userId = await idOf("nouveau@atelier.test");
    await admin.put(`/api/admin/users/${userId}/memberships/${grandSud}`, { role: "membre" });
    expect((await stranger.get(`/api/spaces/${grandSud}`)).status).toBe(200);
    expect((await pilote.delete(`/api/spaces/${grandSud}/members/${userId}`)).status).toBe(204);
    expect((await stranger.get(`/api/spaces/${grandSud}`)).status).toBe(403);
    expect(changes).toContainEqual({ kind: "membership", userId, spaceId: grandSud });
    expect((await pilote.delete(`/api/spaces/${grandSud}/members/${userId}`)).status).toBe(404);
  });
});

describe("the last pilote", () => {
  it("cannot be removed or demoted by anyone, an admin included; a second pilote makes it possible", async () => {
    const sudOuestPilote = await server.as("pilote.sud-ouest@atelier.test");
    const jean = await idOf("pilote.sud-ouest@atelier.test");
    const demote = await sudOuestPilote.patch(`/api/spaces/${sudOuest}/members/${jean}`, { role: "membre" });
    expect(demote.status).toBe(409);
    expect(demote.body.error).toMatchObject({ code: "last_pilote" });
    expect(demote.body.error.message).toMatch(/dernier pilote/);
    const remove = await sudOuestPilote.delete(`/api/spaces/${sudOuest}/members/${jean}`);
    expect(remove.status).toBe(409);
    expect(await roleOf(sudOuest, jean)).toBe("pilote");

    // With another pilote, Jean may step down himself.
    const second = await freshMember(admin, sudOuest, "pilote");
    expect((await sudOuestPilote.patch(`/api/spaces/${sudOuest}/members/${jean}`, { role: "membre" })).status).toBe(200);
    // Now the second one is the last: an admin may not remove them either, here or in the administration.
    const byAdmin = await admin.delete(`/api/spaces/${sudOuest}/members/${second}`);
    expect(byAdmin.status).toBe(409);
    expect(byAdmin.body.error.message).toMatch(/dernier pilote/);
    expect((await admin.delete(`/api/admin/users/${second}/memberships/${sudOuest}`)).status).toBe(409);
    expect((await admin.put(`/api/admin/users/${second}/memberships/${sudOuest}`, { role: "membre" })).status).toBe(409);
    expect(await roleOf(sudOuest, second)).toBe("pilote");
    expect((await admin.patch(`/api/spaces/${sudOuest}/members/${jean}`, { role: "pilote" })).status).toBe(200);
    expect((await admin.delete(`/api/spaces/${sudOuest}/members/${second}`)).status).toBe(204);
  });
});
