import {
  DOCUMENT_STATUSES,
  TRANSITIONS,
  findTransition,
  transitionsFrom,
  type DocumentStatus,
} from "@atelier/shared";
import { beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type Client, type TestServer } from "../../test/harness.js";
import { ADMIN, documentAt, MEMBRE, NATIONAL, newDocument, PILOTE } from "./test-helpers.js";

let server: TestServer;
const clients = new Map<string, Client>();
const as = async (email: string) => {
  if (!clients.has(email)) clients.set(email, await server.as(email));
  return clients.get(email)!;
};

beforeAll(async () => {
  server = await startTestServer();
});

const statusOf = async (id: string) => (await (await as(ADMIN)).get(`/api/documents/${id}/status`)).body;

/** Who may make each move, and some who may not (all of them can read the document). */
const RIGHT: Record<string, string[]> = {
  "brouillon>en-relecture": [MEMBRE, PILOTE],
  "modifications-demandees>en-relecture": [MEMBRE, PILOTE],
  "en-relecture>valide": [PILOTE, ADMIN],
  "valide>transmis": [PILOTE, ADMIN],
  "transmis>modifications-demandees": [NATIONAL, ADMIN],
  "valide>brouillon": [PILOTE, ADMIN],
};
const WRONG: Record<string, string[]> = {
  "brouillon>en-relecture": ["lecteur.grand-sud@atelier.test", "partenaire@atelier.test", NATIONAL, "membre.corse@atelier.test"],
  "modifications-demandees>en-relecture": ["lecteur.grand-sud@atelier.test", NATIONAL],
  "en-relecture>valide": [MEMBRE, NATIONAL, "partenaire@atelier.test"],
  "valide>transmis": [MEMBRE, NATIONAL, "lecteur.grand-sud@atelier.test"],
  "transmis>modifications-demandees": [PILOTE, MEMBRE],
  "valide>brouillon": [MEMBRE, NATIONAL, "lecteur.grand-sud@atelier.test"],
};

describe("the workflow's transitions", () => {
  it("declares a right and a wrong role for every transition of the table", () => {
    expect(Object.keys(RIGHT).sort()).toEqual(TRANSITIONS.map((t) => `${t.from}>${t.to}`).sort());
    expect(Object.keys(WRONG).sort()).toEqual(Object.keys(RIGHT).sort());
  });

  for (const t of TRANSITIONS) {
    for (const email of RIGHT[`${t.from}>${t.to}`]!) {
      it(`${t.from} → ${t.to} by ${email}`, async () => {
        const id = await documentAt(server, t.from);
        const comment = t.commentRequired ? "Le diagnostic ne cite pas ses sources." : undefined;
        const r = await (await as(email)).post(`/api/documents/${id}/status`, { to: t.to, comment });
        expect(r.status, JSON.stringify(r.body)).toBe(200);
        expect(r.body.status).toBe(t.to);
        expect(r.body.history[0]).toMatchObject({ from: t.from, to: t.to, comment: comment ?? "" });
        expect(r.body.history[0].actor.id).toBeTruthy();
        // The buttons offered next are the table's moves from the new status that this person may make.
        for (const a of r.body.allowed) expect(findTransition(t.to, a.to)).toBeDefined();
        expect((await statusOf(id)).status).toBe(t.to);
      });
    }
  }

  for (const from of DOCUMENT_STATUSES) {
    it(`refuses every illegal move from ${from} with a 409 naming the allowed ones, changing nothing`, async () => {
      const id = await documentAt(server, from);
      const before = await statusOf(id);
      const admin = await as(ADMIN);
      const illegal = DOCUMENT_STATUSES.filter((to) => !findTransition(from, to));
      expect(illegal.length).toBeGreaterThan(0);
      for (const to of illegal) {
        const r = await admin.post(`/api/documents/${id}/status`, { to, comment: "Essai" });
        expect(r.status, `${from} → ${to}`).toBe(409);
        expect(r.body.error.code).toBe("illegal_transition");
        expect(r.body.error.message).toMatch(/^Passage impossible de « .+ » à « .+ »/);
        expect(r.body.error.details.allowed.map((a: { to: string }) => a.to)).toEqual(transitionsFrom(from).map((x) => x.to));
      }
      expect(await statusOf(id)).toEqual(before);
    });
  }

  for (const t of TRANSITIONS) {
    it(`refuses ${t.from} → ${t.to} to the wrong roles with a 403, changing nothing`, async () => {
      const id = await documentAt(server, t.from);
      const before = await statusOf(id);
      for (const email of WRONG[`${t.from}>${t.to}`]!) {
        const r = await (await as(email)).post(`/api/documents/${id}/status`, { to: t.to, comment: "Essai" });
        expect(r.status, email).toBe(403);
        expect(r.body.error.code).toBe("forbidden");
      }
      expect(await statusOf(id)).toEqual(before);
    });
  }

  it("hides the document from those who cannot read it, and answers 404 for an unknown one", async () => {
    const id = await newDocument(server);
    const outsider = await as("pilote.sud-ouest@atelier.test");
    const r = await outsider.post(`/api/documents/${id}/status`, { to: "en-relecture" });
    expect(r.status).toBe(403);
    expect(JSON.stringify(r.body)).not.toContain("Grand-Sud");
    expect((await outsider.get(`/api/documents/${id}/status`)).status).toBe(403);
    expect((await outsider.post(`/api/documents/${crypto.randomUUID()}/status`, { to: "en-relecture" })).status).toBe(404);
  });

  it.each([
    ["transmis", "modifications-demandees", NATIONAL, "Modifications demandées"],
    ["valide", "brouillon", PILOTE, "Motif de la réouverture"],
  ] as const)("asks for a comment to go from %s to %s, naming the field", async (from, to, email, field) => {
    const id = await documentAt(server, from);
    const before = await statusOf(id);
    for (const comment of [undefined, "   "]) {
      const r = await (await as(email)).post(`/api/documents/${id}/status`, { to, comment });
      expect(r.status).toBe(400);
      expect(r.body.error).toMatchObject({ code: "comment_required", message: `Le champ « ${field} » est obligatoire.` });
    }
    expect(await statusOf(id)).toEqual(before);
  });

  it("leaves comptes rendus and fiches out of the workflow", async () => {
    const id = await newDocument(server, { kind: "compte-rendu", title: "CR du COPIL" });
    const r = await (await as(PILOTE)).post(`/api/documents/${id}/status`, { to: "en-relecture" });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe("no_workflow");
    expect(await statusOf(id)).toMatchObject({ followsWorkflow: false, status: "brouillon", history: [], allowed: [] });
  });

  it("shows the history with who, when and why, and the moves open to the caller", async () => {
    const id = await documentAt(server, "modifications-demandees");
    const pilote = await as(PILOTE);
    const r = await pilote.get(`/api/documents/${id}/status`);
    expect(r.status).toBe(200);
    expect(r.body.history.map((h: { to: DocumentStatus }) => h.to)).toEqual([
      "modifications-demandees",
      "transmis",
      "valide",
      "en-relecture",
    ]);
    expect(r.body.history[0]).toMatchObject({
      comment: "Merci de compléter la partie diagnostic.",
      actor: { name: "Nadia Nationale" },
    });
    expect(Date.parse(r.body.history[0].at)).not.toBeNaN();
    expect(r.body.allowed).toEqual([{ to: "en-relecture", label: "Soumettre à nouveau à la relecture", commentRequired: false, commentLabel: "Commentaire" }]);
    const lecteur = await as("lecteur.grand-sud@atelier.test");
    expect((await lecteur.get(`/api/documents/${id}/status`)).body.allowed).toEqual([]);
  });

  it("audits each change and freezes a named version at validé and at transmis", async () => {
    const id = await documentAt(server, "transmis");
    const audit = await (await as(ADMIN)).get(`/api/audit?kind=document.status_changed`);
    const mine = audit.body.entries.filter((e: { targetId: string }) => e.targetId === id);
    expect(mine.map((e: { details: { to: string } }) => e.details.to).sort()).toEqual(["en-relecture", "transmis", "valide"]);
    const versions = await server.services.db.query<{ name: string; kind: string }>(
      "SELECT name, kind FROM document_versions WHERE document_id = $1 AND kind = 'workflow' ORDER BY created_at",
      [id],
    );
    expect(versions.map((v) => v.name)).toEqual([expect.stringMatching(/^Validé le /), expect.stringMatching(/^Transmis au national le /)]);
  });

  it("lets only one of two simultaneous identical moves through", async () => {
    const id = await documentAt(server, "en-relecture");
    const pilote = await as(PILOTE);
    const admin = await as(ADMIN);
    const replies = await Promise.all([pilote, admin].map((c) => c.post(`/api/documents/${id}/status`, { to: "valide" })));
    expect(replies.map((r) => r.status).sort()).toEqual([200, 409]);
    expect((await statusOf(id)).history.filter((h: { to: string }) => h.to === "valide")).toHaveLength(1);
  });
});
