import { beforeAll, describe, expect, it } from "vitest";
import { spaceId, startTestServer, type Client, type TestServer } from "../../test/harness.js";
import { ask, freshAsker } from "../access-requests/test-helpers.js";

let server: TestServer;
let admin: Client;
let nouveau: Client;
let grandSud: string;
let secretDocument: string;
beforeAll(async () => {
  server = await startTestServer();
  admin = await server.as("admin@atelier.test");
  nouveau = await server.as("nouveau@atelier.test");
  grandSud = await spaceId(server, "grand-sud");
  const membre = await server.as("membre.grand-sud@atelier.test");
  const created = await membre.post(`/api/spaces/${grandSud}/documents`, { title: "Note confidentielle Grand-Sud", kind: "livrable" });
  secretDocument = created.body.document.id;
});

describe("the directory of committees", () => {
  it("lists every committee to an account with no space, in the programme's order", async () => {
    const r = await nouveau.get("/api/directory");
    expect(r.status).toBe(200);
    const all = await server.services.db.query<{ id: string }>("SELECT id FROM spaces");
    expect(r.body.spaces).toHaveLength(all.length);
    expect(r.body.spaces[0]).toMatchObject({ level: "national", territory: null, parentId: null });
    const entry = r.body.spaces.find((s: any) => s.id === grandSud);
    expect(entry).toEqual({
      id: grandSud,
      name: "COPIL territorial Grand-Sud",
      level: "territorial",
      parentId: r.body.spaces[0].id,
      territory: "COPIL territorial Grand-Sud",
      pilotOrganisations: ["DR PACA"],
      archived: false,
      access: "none",
    });
    // A territory is followed by its regions, each naming it.
    const at = r.body.spaces.indexOf(entry);
    const regions = r.body.spaces.filter((s: any) => s.parentId === grandSud);
    expect(regions.length).toBeGreaterThan(0);
    expect(r.body.spaces.slice(at + 1, at + 1 + regions.length)).toEqual(regions);
    for (const region of regions) expect(region).toMatchObject({ level: "regional", territory: "COPIL territorial Grand-Sud" });
  });

  it("shows nothing of a committee's content nor its people's names", async () => {
    const text = JSON.stringify((await nouveau.get("/api/directory")).body);
    const [gs] = await server.services.db.query<{ description: string; themes: string[] }>(
      "SELECT description, themes FROM spaces WHERE id = $1",
      [grandSud],
    );
    expect(gs!.description.length).toBeGreaterThan(0);
    expect(text).not.toContain(gs!.description);
    for (const theme of gs!.themes) expect(text).not.toContain(theme);
    for (const leak of ["Note confidentielle", secretDocument, "Paul", "Marie", "@atelier.test", "description", "themes", "members"]) {
      expect(text).not.toContain(leak);
    }
  });

  it("tells each person where they stand: reader, pending request, or nothing yet", async () => {
    const access = async (client: Client) =>
      ((await client.get("/api/directory")).body.spaces as any[]).find((s) => s.id === grandSud).access;
    expect(await access(await server.as("membre.grand-sud@atelier.test"))).toBe("reader");
    expect(await access(await server.as("national@atelier.test"))).toBe("reader");
    const asker = await freshAsker(server, admin);
    expect(await access(asker.client)).toBe("none");
    await ask(asker.client, grandSud);
    expect(await access(asker.client)).toBe("pending");
    expect((await asker.client.get(`/api/directory/spaces/${grandSud}`)).body.space.access).toBe("pending");
  });

  it("answers one committee, and whose a document is without its title", async () => {
    const one = await nouveau.get(`/api/directory/spaces/${grandSud}`);
    expect(one.status).toBe(200);
    expect(one.body.space).toMatchObject({ id: grandSud, name: "COPIL territorial Grand-Sud", pilotOrganisations: ["DR PACA"] });
    const owner = await nouveau.get(`/api/directory/documents/${secretDocument}`);
    expect(owner.status).toBe(200);
    expect(owner.body).toEqual(one.body);
    expect(JSON.stringify(owner.body)).not.toContain("Note confidentielle");
  });

  it("says 404 for an unknown committee or document, 401 when not logged in", async () => {
    for (const path of [`spaces/${crypto.randomUUID()}`, "spaces/pas-un-id", `documents/${crypto.randomUUID()}`, "documents/pas-un-id"]) {
      const r = await nouveau.get(`/api/directory/${path}`);
      expect(r.status, path).toBe(404);
      expect(r.body.error.message).toMatch(/n'existe pas/);
    }
    const anonymous = server.client();
    expect((await anonymous.get("/api/directory")).status).toBe(401);
    expect((await anonymous.get(`/api/directory/documents/${secretDocument}`)).status).toBe(401);
  });
});
