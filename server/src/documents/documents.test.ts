import { beforeAll, describe, expect, it } from "vitest";
import { spaceId, startTestServer, type TestServer } from "../../test/harness.js";

let server: TestServer;
let grandSud: string;

beforeAll(async () => {
  server = await startTestServer();
  grandSud = await spaceId(server, "grand-sud");
});

const create = async (email: string, body: unknown, space = grandSud) =>
  (await server.as(email)).post(`/api/spaces/${space}/documents`, body);

describe("documents", () => {
  it("creates a livrable from its template, written by the server", async () => {
    const r = await create("membre.grand-sud@atelier.test", {
      title: "Livrable Grand-Sud",
      kind: "livrable",
      themes: ["place-des-usagers"],
    });
    expect(r.status).toBe(201);
    expect(r.body.document).toMatchObject({
      title: "Livrable Grand-Sud",
      kind: "livrable",
      themes: ["place-des-usagers"],
      spaceId: grandSud,
      trashedAt: null,
      can: { edit: true, comment: true, trash: true, restore: false },
    });
    const rows = await server.services.db.query("SELECT id FROM document_updates WHERE document_id = $1", [r.body.document.id]);
    expect(rows).toHaveLength(1);
    const reader = await server.as("lecteur.grand-sud@atelier.test");
    const text = await reader.get(`/api/documents/${r.body.document.id}/content?format=text`);
    expect(text.status).toBe(200);
    for (const heading of ["Contexte", "Premier état des lieux", "Pratiques inspirantes", "Leviers d'actions", "Annexes"]) {
      expect(text.body.content).toContain(heading);
    }
    const html = await reader.get(`/api/documents/${r.body.document.id}/content?format=html`);
    expect(html.body.content).toMatch(/<h\d[^>]*>Contexte<\/h\d>/);
  });

  it("refuses unknown kinds and themes, naming the field", async () => {
    const kind = await create("membre.grand-sud@atelier.test", { title: "X", kind: "roman" });
    expect(kind.status).toBe(400);
    expect(kind.body.error.message).toContain("Type : valeur inconnue.");
    const theme = await create("membre.grand-sud@atelier.test", { title: "X", kind: "diagnostic", themes: ["licornes"] });
    expect(theme.status).toBe(400);
    expect(theme.body.error.message).toContain("Thématiques : valeur inconnue.");
  });

  it("lists and filters by kind and theme; renames", async () => {
    const membre = await server.as("membre.grand-sud@atelier.test");
    const a = (await create("membre.grand-sud@atelier.test", { title: "Diag", kind: "diagnostic", themes: ["formation"] })).body
      .document;
    await create("membre.grand-sud@atelier.test", { title: "Fiche", kind: "fiche-pratique" });
    const diags = await membre.get(`/api/spaces/${grandSud}/documents?kind=diagnostic`);
    expect(diags.body.documents.map((d: { id: string }) => d.id)).toContain(a.id);
    expect(diags.body.documents.every((d: { kind: string }) => d.kind === "diagnostic")).toBe(true);
    const byTheme = await membre.get(`/api/spaces/${grandSud}/documents?theme=formation`);
    expect(byTheme.body.documents.map((d: { id: string }) => d.id)).toEqual([a.id]);
    const renamed = await membre.patch(`/api/documents/${a.id}`, { title: "Diagnostic partagé", themes: [] });
    expect(renamed.status).toBe(200);
    expect(renamed.body.document).toMatchObject({ title: "Diagnostic partagé", themes: [] });
    const listed = (await membre.get(`/api/spaces/${grandSud}/documents`)).body.documents.find((d: { id: string }) => d.id === a.id);
    expect(listed).toMatchObject({ status: "brouillon", trashedBy: null });
    expect(listed.lastChange.by.name).toMatch(/\S/);
    // The pilote's renaming is the last change, and names the pilote.
    const pilote = await server.as("pilote.grand-sud@atelier.test");
    await pilote.patch(`/api/documents/${a.id}`, { title: "Diagnostic relu" });
    const after = (await membre.get(`/api/spaces/${grandSud}/documents`)).body.documents;
    expect(after[0]).toMatchObject({ id: a.id, title: "Diagnostic relu" });
    expect(after[0].lastChange.by.name).not.toBe(listed.lastChange.by.name);
    expect(Date.parse(after[0].lastChange.at)).toBeGreaterThanOrEqual(Date.parse(listed.lastChange.at));
    expect((await membre.patch(`/api/documents/${a.id}`, {})).status).toBe(400);
  });

  it("moves to the trash; the pilote lists the trash and restores", async () => {
    const membre = await server.as("membre.grand-sud@atelier.test");
    const pilote = await server.as("pilote.grand-sud@atelier.test");
    const doc = (await create("membre.grand-sud@atelier.test", { title: "À jeter", kind: "synthese" })).body.document;
    expect((await membre.delete(`/api/documents/${doc.id}`)).status).toBe(200);
    expect((await membre.get(`/api/documents/${doc.id}`)).status).toBe(404);
    // Nor do its history, comments, status or attachments tell anyone but a restorer it is in the trash.
    for (const path of ["versions", "comments", "status"]) {
      const r = await membre.get(`/api/documents/${doc.id}/${path}`);
      expect(r.status).toBe(404);
      expect(r.body.error.message).toBe("Ce document n'existe pas.");
    }
    expect((await pilote.get(`/api/documents/${doc.id}/versions`)).body.error.message).toMatch(/corbeille/);
    const live = await membre.get(`/api/spaces/${grandSud}/documents`);
    expect(live.body.documents.map((d: { id: string }) => d.id)).not.toContain(doc.id);
    expect((await membre.get(`/api/spaces/${grandSud}/documents?trash=true`)).status).toBe(403);
    const trash = await pilote.get(`/api/spaces/${grandSud}/documents?trash=true`);
    expect(trash.body.documents.map((d: { id: string }) => d.id)).toContain(doc.id);
    expect(trash.body.documents.find((d: { id: string }) => d.id === doc.id).trashedBy.name).toMatch(/\S/);
    expect((await membre.post(`/api/documents/${doc.id}/restore`)).status).toBe(403);
    const restored = await pilote.post(`/api/documents/${doc.id}/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body.document.trashedAt).toBeNull();
    expect((await membre.get(`/api/documents/${doc.id}`)).status).toBe(200);
  });

  it("answers 404 for an unknown document and 403 naming nothing for an unreadable one", async () => {
    const doc = (await create("membre.grand-sud@atelier.test", { title: "Secret du Grand-Sud", kind: "livrable" })).body.document;
    const other = await server.as("membre.sud-ouest@atelier.test");
    const refused = await other.get(`/api/documents/${doc.id}`);
    expect(refused.status).toBe(403);
    expect(JSON.stringify(refused.body)).not.toContain("Grand-Sud");
    expect((await other.get(`/api/documents/${doc.id}/content`)).status).toBe(403);
    expect((await other.get("/api/documents/00000000-0000-4000-8000-000000000000")).status).toBe(404);
    expect((await other.get("/api/documents/pas-un-id")).status).toBe(404);
  });

  it("gives a reader the content but no rights", async () => {
    const doc = (await create("membre.grand-sud@atelier.test", { title: "Compte rendu", kind: "compte-rendu" })).body.document;
    const lecteur = await server.as("lecteur.grand-sud@atelier.test");
    const got = await lecteur.get(`/api/documents/${doc.id}`);
    expect(got.body.document.can).toEqual({ edit: false, editContent: false, comment: true, trash: false, restore: false });
    expect((await lecteur.patch(`/api/documents/${doc.id}`, { title: "Non" })).status).toBe(403);
    expect((await lecteur.delete(`/api/documents/${doc.id}`)).status).toBe(403);
  });
});
