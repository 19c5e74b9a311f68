import { beforeAll, describe, expect, it } from "vitest";
import { spaceId, startTestServer, type TestServer } from "../../test/harness.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

describe("GET /api/spaces", () => {
  it("lists exactly a territorial membre's spaces: their COPIL and its regional COPILs", async () => {
    const c = await server.as("membre.grand-sud@atelier.test");
    const r = await c.get("/api/spaces");
    expect(r.status).toBe(200);
    const bySlug = Object.fromEntries(r.body.spaces.map((s: any) => [s.slug, s.role]));
    expect(bySlug).toEqual({
      "grand-sud": "membre",
      "provence-alpes-cote-d-azur": "inherited",
      "languedoc-roussillon": "inherited",
      corse: "inherited",
    });
    for (const s of r.body.spaces) expect(Object.keys(s).sort()).toEqual(["archived", "id", "level", "name", "parentId", "role", "slug"]);
  });

  it("shows the national team every space of the programme", async () => {
    const r = await (await server.as("national@atelier.test")).get("/api/spaces");
    const levels = r.body.spaces.map((s: any) => s.level);
    expect(levels.filter((l: string) => l === "national")).toHaveLength(1);
    expect(levels.filter((l: string) => l === "territorial")).toHaveLength(9);
    expect(levels.filter((l: string) => l === "regional").length).toBe(17);
  });

  it("needs a session", async () => {
    expect((await server.client().get("/api/spaces")).status).toBe(401);
  });
});

describe("GET /api/spaces/:id", () => {
  it("gives the space's detail and what the caller may do", async () => {
    const c = await server.as("partenaire@atelier.test");
    const r = await c.get(`/api/spaces/${await spaceId(server, "grand-sud")}`);
    expect(r.status).toBe(200);
    expect(r.body.space.name).toBe("COPIL territorial Grand-Sud");
    expect(r.body.space.themes).toEqual(["place-des-usagers", "hebergement-logement"]);
    expect(r.body.space.parent.name).toBe("Comité de pilotage national");
    expect(r.body.space.can).toContain("file.upload");
    expect(r.body.space.can).not.toContain("document.edit");
  });

  it("shows the parent and the regional COPILs, each with whether the caller may open it", async () => {
    const membre = await server.as("membre.grand-sud@atelier.test");
    const r = await membre.get(`/api/spaces/${await spaceId(server, "grand-sud")}`);
    expect(r.body.space.parent).toMatchObject({ name: "Comité de pilotage national", level: "national", readable: false });
    expect(r.body.space.children.map((c: { id: string }) => c.id)).toContain(await spaceId(server, "corse"));
    expect(r.body.space.children).toHaveLength(3);
    expect(r.body.space.children.every((c: { level: string; readable: boolean }) => c.level === "regional" && c.readable)).toBe(true);
    const regional = await (await server.as("membre.corse@atelier.test")).get(`/api/spaces/${await spaceId(server, "corse")}`);
    expect(regional.body.space.parent).toMatchObject({ id: await spaceId(server, "grand-sud"), readable: true });
    expect(regional.body.space.children).toEqual([]);
  });

  it("answers 403 naming nothing for a space out of reach, and 404 for an unknown id", async () => {
    const c = await server.as("membre.grand-sud@atelier.test");
    const r = await c.get(`/api/spaces/${await spaceId(server, "sud-ouest")}`);
    expect(r.status).toBe(403);
    expect(JSON.stringify(r.body)).not.toMatch(/Sud-Ouest|sud-ouest|Aquitaine/);
    expect((await c.get(`/api/spaces/${crypto.randomUUID()}`)).status).toBe(404);
    expect((await c.get("/api/spaces/pas-un-identifiant")).status).toBe(404);
  });
});
