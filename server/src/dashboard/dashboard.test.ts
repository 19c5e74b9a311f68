import type { DashboardReply, DashboardTerritory } from "@atelier/shared";
import { beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type Client, type TestServer } from "../../test/harness.js";
import { ADMIN, documentAt, NATIONAL, PILOTE } from "../workflow/test-helpers.js";

let server: TestServer;
let national: Client;
let transmitted: string;
let corseDiag: string;
let synthese: string;

const territory = (r: DashboardReply, slug: string) => r.territories.find((t) => t.slug === slug)!;
const ids = (t: DashboardTerritory) => [...t.documents, ...t.regions.flatMap((r) => r.documents)].map((d) => d.id);

beforeAll(async () => {
  server = await startTestServer();
  national = await server.as(NATIONAL);
  transmitted = await documentAt(server, "transmis", { title: "Livrable Grand-Sud", themes: ["place-des-usagers"] });
  corseDiag = await documentAt(server, "brouillon", {
    kind: "diagnostic",
    title: "Diagnostic Corse",
    space: "corse",
    by: "membre.corse@atelier.test",
    themes: ["hebergement-logement"],
  });
  synthese = await documentAt(server, "en-relecture", { kind: "synthese", title: "Synthèse Grand-Sud" });
  await documentAt(server, "brouillon", { kind: "compte-rendu", title: "CR du COPIL" });
  // Two open threads and a resolved one on the synthèse, as the comments' table holds them.
  for (const resolved of [false, false, true]) {
    await server.services.db.query(
      `INSERT INTO comment_threads (id, document_id, anchor_from, anchor_to, quote, resolved_at)
       VALUES ($1, $2, 'a', 'b', 'extrait', ${resolved ? "now()" : "NULL"})`,
      [crypto.randomUUID(), synthese],
    );
  }
});

describe("GET /api/dashboard", () => {
  it("shows every territory with its regions, each workflow document's status, last change, open comments and link", async () => {
    const r = await national.get("/api/dashboard");
    expect(r.status).toBe(200);
    const body = r.body as DashboardReply;
    expect(body.kinds).toEqual(["livrable", "diagnostic", "synthese"]);
    expect(body.territories.map((t) => t.name)).toHaveLength(9);
    const gs = territory(body, "grand-sud");
    expect(gs.regions.map((x) => x.slug).sort()).toEqual(["corse", "languedoc-roussillon", "provence-alpes-cote-d-azur"]);
    expect(gs.hasLivrable).toBe(true);
    const livrable = gs.documents.find((d) => d.id === transmitted)!;
    expect(livrable).toMatchObject({ title: "Livrable Grand-Sud", kind: "livrable", status: "transmis", openComments: 0, link: `/documents/${transmitted}` });
    expect(Date.parse(livrable.statusChangedAt)).toBeLessThanOrEqual(Date.parse(livrable.lastChangeAt));
    expect(gs.documents.find((d) => d.id === synthese)).toMatchObject({ status: "en-relecture", openComments: 2 });
    expect(gs.regions.find((x) => x.slug === "corse")!.documents).toMatchObject([{ id: corseDiag, status: "brouillon" }]);
    // Comptes rendus and fiches do not go up to the national team.
    expect(gs.documents.map((d) => d.kind)).not.toContain("compte-rendu");
    // A territory without any livrable says so.
    expect(territory(body, "nord")).toMatchObject({ hasLivrable: false, documents: [] });
  });

  it("filters by status, theme and territory", async () => {
    const byStatus = (await national.get("/api/dashboard?status=transmis")).body as DashboardReply;
    expect(ids(territory(byStatus, "grand-sud"))).toEqual([transmitted]);
    const byTheme = (await national.get("/api/dashboard?theme=hebergement-logement")).body as DashboardReply;
    expect(ids(territory(byTheme, "grand-sud"))).toEqual([corseDiag]);
    // Filters do not hide that a territory has a livrable.
    expect(territory(byTheme, "grand-sud").hasLivrable).toBe(true);
    const byTerritory = (await national.get("/api/dashboard?territory=sud-ouest")).body as DashboardReply;
    expect(byTerritory.territories.map((t) => t.slug)).toEqual(["sud-ouest"]);
    expect(byTerritory.territories[0]!.regions).toHaveLength(4);
    const bad = await national.get("/api/dashboard?status=perdu");
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain("Statut : valeur inconnue.");
  });

  it("exports the same table as CSV, with the territories that have no livrable", async () => {
    const r = await national.get("/api/dashboard?format=csv");
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toContain("text/csv");
    expect(r.headers.get("content-disposition")).toMatch(/attachment; filename="tableau-de-bord-\d{4}-\d{2}-\d{2}\.csv"/);
    const lines = (r.body as string).replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toBe(
      "Territoire;COPIL;Niveau;Type;Document;Thématiques;Statut;Dernier changement de statut;Dernière modification;Commentaires ouverts;Lien",
    );
    const row = lines.find((l) => l.includes("Livrable Grand-Sud"))!;
    expect(row).toMatch(/^COPIL territorial Grand-Sud;COPIL territorial Grand-Sud;COPIL territorial;Livrable;Livrable Grand-Sud;Place des usagers.*;Transmis au national;/);
    expect(row).toContain(`/documents/${transmitted}`);
    expect(lines.find((l) => l.includes("Diagnostic Corse"))).toMatch(/^COPIL territorial Grand-Sud;COPIL régional Corse;COPIL régional;Diagnostic;/);
    expect(lines.find((l) => l.startsWith("COPIL territorial Nord;"))).toContain("Aucun livrable pour l'instant");
    const filtered = await national.get("/api/dashboard?format=csv&status=en-relecture");
    expect(filtered.body).toContain("Synthèse Grand-Sud");
    expect(filtered.body).not.toContain("Livrable Grand-Sud");
  });

  it("is for the national team and the admins only", async () => {
    expect((await (await server.as(ADMIN)).get("/api/dashboard")).status).toBe(200);
    for (const email of [PILOTE, "membre.corse@atelier.test", "nouveau@atelier.test"]) {
      const r = await (await server.as(email)).get("/api/dashboard?format=csv");
      expect(r.status, email).toBe(403);
      expect(JSON.stringify(r.body)).not.toContain("grand-sud");
    }
    expect((await server.client().get("/api/dashboard")).status).toBe(401);
  });
});
