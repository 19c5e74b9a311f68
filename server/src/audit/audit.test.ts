import { beforeAll, describe, expect, it } from "vitest";
import { spaceId, startTestServer, type Client, type TestServer } from "../../test/harness.js";
import { PDF, upload } from "../files/test-helpers.js";
import { purgeAudit, recordAudit } from "./record.js";

let server: TestServer;
let admin: Client;
beforeAll(async () => {
  server = await startTestServer();
  admin = await server.as("admin@atelier.test");
});

describe("GET /api/audit", () => {
  it("records logins and failed logins with who and from where", async () => {
    await server.client().post("/api/auth/login", { email: "membre.corse@atelier.test", password: "pas-le-bon-mot-de-passe" });
    await server.as("membre.corse@atelier.test");
    const r = await admin.get("/api/audit?actor=membre.corse");
    expect(r.status).toBe(200);
    const kinds = r.body.entries.map((e: any) => e.kind);
    expect(kinds.slice(0, 2)).toEqual(["auth.login", "auth.login_failed"]);
    expect(r.body.entries[0].address).toMatch(/127\.0\.0\.1/);
  });

  it("filters by kind, space and date, and pages newest first", async () => {
    const grandSud = await spaceId(server, "grand-sud");
    await recordAudit(server.services.db, { kind: "document.trashed", spaceId: grandSud, target: { type: "document", id: "d1" } });
    await recordAudit(server.services.db, { kind: "document.trashed", spaceId: grandSud, target: { type: "document", id: "d2" } });
    const page1 = await admin.get(`/api/audit?kind=document.trashed&space=${grandSud}&limit=1`);
    expect(page1.body.entries).toHaveLength(1);
    expect(page1.body.entries[0].spaceName).toBe("COPIL territorial Grand-Sud");
    const page2 = await admin.get(`/api/audit?kind=document.trashed&limit=1&before=${encodeURIComponent(page1.body.next)}`);
    expect(page2.body.entries[0].targetId).not.toBe(page1.body.entries[0].targetId);
    const today = new Date().toISOString().slice(0, 10);
    expect((await admin.get(`/api/audit?kind=document.trashed&from=${today}&to=${today}`)).body.entries).toHaveLength(2);
    expect((await admin.get(`/api/audit?kind=document.trashed&to=2020-01-01`)).body.entries).toHaveLength(0);
  });

  it("exports CSV for spreadsheets", async () => {
    const r = await admin.get("/api/audit?format=csv&kind=auth.login");
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toMatch(/text\/csv/);
    expect(r.headers.get("content-disposition")).toMatch(/attachment/);
    const lines = String(r.body).replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toBe("date;action;personne;espace;cible;détails;adresse");
    expect(lines[1]).toContain(";Connexion;");
  });

  it("names bad filters", async () => {
    const r = await admin.get("/api/audit?kind=inconnu&from=hier");
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/Type : valeur inconnue/);
    expect(r.body.error.message).toMatch(/Date de début invalide/);
  });

  it("is for admins only", async () => {
    expect((await (await server.as("national@atelier.test")).get("/api/audit")).status).toBe(403);
  });
});

describe("retention", () => {
  it("deletes entries older than the retention period", async () => {
    await recordAudit(server.services.db, { kind: "user.created", details: { marker: "ancien" } });
    await server.services.db.query("UPDATE audit_log SET at = now() - interval '400 days' WHERE details->>'marker' = 'ancien'");
    expect(await purgeAudit(server.services.db, 365)).toBe(1);
    const left = await server.services.db.query("SELECT 1 FROM audit_log WHERE details->>'marker' = 'ancien'");
    expect(left).toHaveLength(0);
  });
});

describe("what the library and the documents record", () => {
  it("records file downloads, deletions and restores, and document trash and restore", async () => {
    const grandSud = await spaceId(server, "grand-sud");
    const pilote = await server.as("pilote.grand-sud@atelier.test");
    const lecteur = await server.as("lecteur.grand-sud@atelier.test");
    const file = (await upload(pilote, grandSud, "Rapport.pdf", PDF)).body.file;
    expect((await lecteur.raw("GET", `/api/files/${file.id}/download`)).status).toBe(200);
    expect((await pilote.delete(`/api/files/${file.id}`)).status).toBe(200);
    expect((await pilote.post(`/api/files/${file.id}/restore`)).status).toBe(200);
    const doc = (await pilote.post(`/api/spaces/${grandSud}/documents`, { title: "Livrable audité", kind: "livrable" })).body.document;
    expect((await pilote.delete(`/api/documents/${doc.id}`)).status).toBe(200);
    expect((await pilote.post(`/api/documents/${doc.id}/restore`)).status).toBe(200);

    const entries = (await admin.get(`/api/audit?space=${grandSud}&limit=20`)).body.entries;
    const of = (id: string) => entries.filter((e: any) => e.targetId === id).map((e: any) => [e.kind, e.actorEmail]);
    expect(of(file.id).reverse()).toEqual([
      ["file.downloaded", "lecteur.grand-sud@atelier.test"],
      ["file.deleted", "pilote.grand-sud@atelier.test"],
      ["file.restored", "pilote.grand-sud@atelier.test"],
    ]);
    expect(of(doc.id).reverse()).toEqual([
      ["document.trashed", "pilote.grand-sud@atelier.test"],
      ["document.restored", "pilote.grand-sud@atelier.test"],
    ]);
  });
});

describe("the journal in words", () => {
  it("reads as French sentences with names, never a key or an id, in the page and the CSV", async () => {
    const grandSud = await spaceId(server, "grand-sud");
    const membre = await server.as("membre.grand-sud@atelier.test");
    const doc = (await membre.post(`/api/spaces/${grandSud}/documents`, { title: "Livrable relu", kind: "livrable" })).body.document;
    const v = (await membre.post(`/api/documents/${doc.id}/versions`, { name: "présentée au COPIL du 4 décembre" })).body.version;
    expect((await membre.post(`/api/documents/${doc.id}/versions/${v.id}/restore`)).status).toBe(201);
    const lea = (await admin.get("/api/admin/users?q=lectrice")).body.users[0];
    expect((await admin.put(`/api/admin/users/${lea.id}/memberships/${grandSud}`, { role: "membre" })).status).toBe(200);

    const restored = (await admin.get("/api/audit?kind=version.restored")).body.entries[0];
    expect(restored).toMatchObject({ target: "Document : Livrable relu", summary: ["Version restaurée : présentée au COPIL du 4 décembre"] });
    const changed = (await admin.get("/api/audit?kind=membership.role_changed")).body.entries[0];
    expect(changed).toMatchObject({
      target: "Personne : Léa Lectrice (lecteur.grand-sud@atelier.test)",
      summary: ["Rôle : lecteur → membre"],
    });
    const words = JSON.stringify([restored, changed].map((e) => [e.target, e.summary]));
    expect(words).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-|\b(to|from|via|role|versionId)\b/);

    const csv = String((await admin.get("/api/audit?format=csv&kind=version.restored")).body);
    const line = csv.split("\r\n")[1]!;
    expect(line).toContain("Document : Livrable relu;Version restaurée : présentée au COPIL du 4 décembre");
    expect(line).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
  });
});
