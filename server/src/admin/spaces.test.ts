import { slugify } from "@atelier/shared";
import { beforeAll, describe, expect, it } from "vitest";
import { spaceId, startTestServer, type Client, type TestServer } from "../../test/harness.js";
import { auditAbout, recordAccessChanges, unique } from "./test-helpers.js";

let server: TestServer;
let admin: Client;
let national: string;
let grandSud: string;
let sudOuest: string;
beforeAll(async () => {
  server = await startTestServer();
  admin = await server.as("admin@atelier.test");
  national = await spaceId(server, "copil-national");
  grandSud = await spaceId(server, "grand-sud");
  sudOuest = await spaceId(server, "sud-ouest");
});

const spaceCount = async () => (await server.services.db.query<{ n: number }>("SELECT count(*)::int AS n FROM spaces"))[0]!.n;

describe("GET /api/admin/spaces", () => {
  it("lists every space, parents first, with member counts", async () => {
    const r = await admin.get("/api/admin/spaces");
    expect(r.status).toBe(200);
    expect(r.body.spaces[0]).toMatchObject({ slug: "copil-national", level: "national", parentId: null });
    expect(r.body.spaces.find((s: any) => s.slug === "grand-sud")).toMatchObject({ memberCount: 4, archived: false });
    expect(r.body.spaces.length).toBe(await spaceCount());
  });
});

describe("POST /api/admin/spaces", () => {
  it("creates a regional space under a territorial one, deriving its slug from the name", async () => {
    const name = `COPIL régional Côte d'Émeraude ${unique("n")}`;
    const r = await admin.post("/api/admin/spaces", {
      name,
      level: "regional",
      parentId: grandSud,
      description: "Un essai.",
      themes: ["place-des-usagers"],
    });
    expect(r.status).toBe(201);
    expect(r.body.space).toMatchObject({
      slug: slugify(name),
      name,
      level: "regional",
      parentId: grandSud,
      description: "Un essai.",
      themes: ["place-des-usagers"],
      archived: false,
      memberCount: 0,
    });
    expect(r.body.space.slug).toMatch(/^copil-regional-cote-d-emeraude-/);
    // The territorial pilote reads it at once, by inheritance.
    const pilote = await server.as("pilote.grand-sud@atelier.test");
    expect((await pilote.get(`/api/spaces/${r.body.space.id}`)).body.space.role).toBe("inherited");
  });

  it("takes a given slug and refuses one already in use with a 409", async () => {
    const slug = unique("essai");
    const first = await admin.post("/api/admin/spaces", { name: "Essai", slug, level: "territorial", parentId: national });
    expect(first.status).toBe(201);
    expect(first.body.space.slug).toBe(slug);
    const again = await admin.post("/api/admin/spaces", { name: "Essai bis", slug, level: "territorial", parentId: national });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain(slug);
    const derived = await admin.post("/api/admin/spaces", { name: "Grand Sud", level: "territorial", parentId: national });
    expect(derived.status).toBe(409);
    expect(derived.body.error.message).toContain("grand-sud");
  });

  it.each([
    ["a national space with a parent", () => ({ level: "national", parentId: national }), /national ne peut pas avoir/],
    ["a territorial space without a parent", () => ({ level: "territorial", parentId: null }), /rattaché à un COPIL national/],
    ["a territorial space under a territorial one", () => ({ level: "territorial", parentId: grandSud }), /pas à un COPIL territorial/],
    ["a regional space under the national one", () => ({ level: "regional", parentId: national }), /COPIL territorial, pas à un COPIL national/],
  ])("refuses %s", async (_, shape, message) => {
    const before = await spaceCount();
    const r = await admin.post("/api/admin/spaces", { name: unique("Incohérent"), ...shape() });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(message);
    expect(await spaceCount()).toBe(before);
  });

  it.each([
    ["an unknown level", { level: "departemental" }, /level/],
    ["an unknown theme", { themes: ["place-des-usagers", "cuisine"] }, /themes\.1/],
    ["a malformed slug", { slug: "Pas Un Slug" }, /slug/],
    ["a too-long name", { name: "x".repeat(201) }, /name/],
    ["a malformed parent id", { parentId: "grand-sud" }, /parentId/],
    ["an extra field", { archived: true }, /archived/],
  ])("refuses %s with a 400 naming it", async (_, extra, pattern) => {
    const r = await admin.post("/api/admin/spaces", { name: unique("Essai"), level: "territorial", parentId: national, ...extra });
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body.error)).toMatch(pattern);
  });

  it("answers 404 for an unknown parent and 400 for a name without any letter", async () => {
    const r = await admin.post("/api/admin/spaces", { name: "Essai", level: "regional", parentId: crypto.randomUUID() });
    expect(r.status).toBe(404);
    expect(r.body.error.message).toMatch(/parent/);
    const symbols = await admin.post("/api/admin/spaces", { name: "« — »", level: "territorial", parentId: national });
    expect(symbols.status).toBe(400);
    expect(symbols.body.error.code).toBe("invalid_slug");
  });
});

describe("PATCH /api/admin/spaces/:id", () => {
  const create = async (level: "territorial" | "regional", parentId: string) =>
    (await admin.post("/api/admin/spaces", { name: unique("Espace"), level, parentId })).body.space;

  it("renames, describes and sets themes without announcing an access change", async () => {
    const space = await create("territorial", national);
    const seen = recordAccessChanges(server);
    const r = await admin.patch(`/api/admin/spaces/${space.id}`, {
      name: "Nouveau nom",
      description: "Nouvelle description",
      themes: ["organisation-du-travail"],
    });
    expect(r.status).toBe(200);
    expect(r.body.space).toMatchObject({ name: "Nouveau nom", description: "Nouvelle description", slug: space.slug });
    expect(r.body.space.themes).toEqual(["organisation-du-travail"]);
    expect(seen).toEqual([]);
  });

  it("moves a regional space under another territorial one and announces it", async () => {
    const regional = await create("regional", grandSud);
    const seen = recordAccessChanges(server);
    const r = await admin.patch(`/api/admin/spaces/${regional.id}`, { parentId: sudOuest });
    expect(r.status).toBe(200);
    expect(r.body.space.parentId).toBe(sudOuest);
    expect(seen).toEqual([{ kind: "space", spaceId: regional.id }]);
    const [update] = (await auditAbout(server, regional.id)).filter((e) => e.kind === "space.updated");
    expect(update!.details).toEqual({ fields: ["parentId"], from: grandSud, to: sudOuest });
    // Grand-Sud's members no longer read it; Sud-Ouest's do.
    expect((await (await server.as("membre.grand-sud@atelier.test")).get(`/api/spaces/${regional.id}`)).status).toBe(403);
    expect((await (await server.as("membre.sud-ouest@atelier.test")).get(`/api/spaces/${regional.id}`)).status).toBe(200);
  });

  it("refuses cycles and incoherent levels, changing nothing", async () => {
    const territorial = await create("territorial", national);
    const child = await create("regional", territorial.id);
    const cycle = await admin.patch(`/api/admin/spaces/${territorial.id}`, { parentId: child.id, name: "Ne doit pas changer" });
    expect(cycle.status).toBe(400);
    expect(cycle.body.error.message).toMatch(/pas à un COPIL régional/);
    const self = await admin.patch(`/api/admin/spaces/${child.id}`, { parentId: child.id });
    expect(self.status).toBe(400);
    const orphan = await admin.patch(`/api/admin/spaces/${child.id}`, { parentId: null });
    expect(orphan.status).toBe(400);
    const nationalMove = await admin.patch(`/api/admin/spaces/${national}`, { parentId: grandSud });
    expect(nationalMove.status).toBe(400);
    const [row] = await server.services.db.query<{ name: string }>("SELECT name FROM spaces WHERE id = $1", [territorial.id]);
    expect(row!.name).toBe(territorial.name);
  });

  it("answers 404 for an unknown space and 400 for bad input", async () => {
    expect((await admin.patch(`/api/admin/spaces/${crypto.randomUUID()}`, { name: "X" })).status).toBe(404);
    expect((await admin.patch("/api/admin/spaces/inconnu", { name: "X" })).status).toBe(404);
    const level = await admin.patch(`/api/admin/spaces/${grandSud}`, { level: "regional" });
    expect(level.status).toBe(400);
    expect(JSON.stringify(level.body.error)).toMatch(/non prévu\(s\) : Niveau/);
    expect((await admin.patch(`/api/admin/spaces/${grandSud}`, { themes: ["inconnu"] })).status).toBe(400);
    expect((await admin.patch(`/api/admin/spaces/${grandSud}`, { description: "x".repeat(5001) })).status).toBe(400);
  });
});

describe("archiving", () => {
  it("makes a space read-only for its members, announces it, and unarchiving restores it", async () => {
    const territorial = (await admin.post("/api/admin/spaces", { name: unique("Archivable"), level: "territorial", parentId: national })).body
      .space;
    const [lucia] = await server.services.db.query<{ id: string }>("SELECT id FROM users WHERE email = 'membre.corse@atelier.test'");
    await admin.put(`/api/admin/users/${lucia!.id}/memberships/${territorial.id}`, { role: "membre" });
    const membre = await server.as("membre.corse@atelier.test");
    const canOf = async (c: Client) => (await c.get(`/api/spaces/${territorial.id}`)).body.space.can;
    expect(await canOf(membre)).toContain("document.edit");
    const seen = recordAccessChanges(server);
    const r = await admin.post(`/api/admin/spaces/${territorial.id}/archive`);
    expect(r.status).toBe(200);
    expect(r.body.space.archived).toBe(true);
    expect(seen).toEqual([{ kind: "space", spaceId: territorial.id }]);
    // Archiving twice changes nothing and announces nothing more.
    expect((await admin.post(`/api/admin/spaces/${territorial.id}/archive`)).body.space.archived).toBe(true);
    expect(seen).toHaveLength(1);

    expect(await canOf(membre)).toEqual(["space.read"]);
    expect(await canOf(admin)).toContain("document.edit");
    // A new space cannot go under an archived parent.
    const under = await admin.post("/api/admin/spaces", { name: unique("Sous"), level: "regional", parentId: territorial.id });
    expect(under.status).toBe(409);

    const back = await admin.post(`/api/admin/spaces/${territorial.id}/unarchive`);
    expect(back.body.space.archived).toBe(false);
    expect(seen).toHaveLength(2);
    expect((await auditAbout(server, territorial.id)).map((e) => e.kind)).toEqual([
      "space.created",
      "space.archived",
      "space.unarchived",
    ]);
    expect(await canOf(membre)).toContain("document.edit");
  });

  it("answers 404 for an unknown space", async () => {
    expect((await admin.post(`/api/admin/spaces/${crypto.randomUUID()}/archive`)).status).toBe(404);
    expect((await admin.post(`/api/admin/spaces/${crypto.randomUUID()}/unarchive`)).status).toBe(404);
  });
});
