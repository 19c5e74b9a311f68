import { HOME_LATEST_DOCUMENTS } from "@atelier/shared";
import { beforeAll, describe, expect, it } from "vitest";
import { spaceId, startTestServer, type Client, type TestServer } from "../../test/harness.js";
import { documentAt, MEMBRE, NATIONAL, newDocument, PILOTE } from "../workflow/test-helpers.js";

let server: TestServer;
let grandSud: string;
let sudOuest: string;
beforeAll(async () => {
  server = await startTestServer();
  grandSud = await spaceId(server, "grand-sud");
  sudOuest = await spaceId(server, "sud-ouest");
});

const home = async (who: string | Client) => {
  const client = typeof who === "string" ? await server.as(who) : who;
  const r = await client.get("/api/me/home");
  expect(r.status).toBe(200);
  return r.body;
};
const committee = (body: any, id: string) => body.committees.find((c: any) => c.space.id === id);
const reviewed = (body: any) => body.toReview.map((d: any) => d.id);

describe("the start page (Mes espaces)", () => {
  it("lists my committees with their latest documents, status and last change, newest first", async () => {
    const first = await newDocument(server, { title: "Compte rendu de septembre", kind: "compte-rendu" });
    const ids = [first];
    for (let i = 0; i < HOME_LATEST_DOCUMENTS; i++) ids.push(await newDocument(server, { title: `Livrable ${i}` }));
    // Renaming the oldest makes it the latest change.
    const membre = await server.as(MEMBRE);
    expect((await membre.patch(`/api/documents/${first}`, { title: "Compte rendu de septembre (corrigé)" })).status).toBe(200);
    const trashed = await newDocument(server, { title: "Brouillon jeté" });
    expect((await membre.delete(`/api/documents/${trashed}`)).status).toBeLessThan(300);

    const mine = committee(await home(membre), grandSud);
    expect(mine.space).toMatchObject({ name: "COPIL territorial Grand-Sud", role: "membre" });
    expect(mine.documents).toHaveLength(HOME_LATEST_DOCUMENTS);
    expect(mine.documents[0]).toMatchObject({ id: first, title: "Compte rendu de septembre (corrigé)", kind: "compte-rendu", status: null });
    expect(mine.documents[1]).toMatchObject({ kind: "livrable", status: "brouillon" });
    expect(mine.documents.map((d: any) => d.id)).not.toContain(trashed);
    const total = await server.services.db.query("SELECT 1 FROM documents WHERE space_id = $1 AND trashed_at IS NULL", [grandSud]);
    expect(mine.total).toBe(total.length);
    const times = mine.documents.map((d: any) => Date.parse(d.changedAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it("shows only the committees the person reaches, and none to an account without a space", async () => {
    const secret = await newDocument(server, { title: "Diagnostic Sud-Ouest", space: "sud-ouest", by: "membre.sud-ouest@atelier.test" });
    const body = await home(MEMBRE);
    expect(committee(body, sudOuest)).toBeUndefined();
    expect(JSON.stringify(body)).not.toContain(secret);
    expect(await home("nouveau@atelier.test")).toEqual({ committees: [], toReview: [] });
    expect((await server.client().get("/api/me/home")).status).toBe(401);
  });

  it("lists what waits for my review decision: in relecture for the pilote, transmitted for the national team", async () => {
    const inReview = await documentAt(server, "en-relecture", { title: "Livrable à relire" });
    const transmitted = await documentAt(server, "transmis", { title: "Livrable transmis" });
    const elsewhere = await documentAt(server, "en-relecture", { space: "sud-ouest", by: "membre.sud-ouest@atelier.test", movedBy: "admin@atelier.test" });

    const pilote = await home(PILOTE);
    expect(reviewed(pilote)).toContain(inReview);
    expect(reviewed(pilote)).not.toContain(transmitted);
    expect(reviewed(pilote)).not.toContain(elsewhere);
    expect(pilote.toReview.find((d: any) => d.id === inReview)).toMatchObject({
      title: "Livrable à relire",
      status: "en-relecture",
      space: { id: grandSud, name: "COPIL territorial Grand-Sud" },
    });
    // Writers submit; they do not review their own submission.
    expect(reviewed(await home(MEMBRE))).toEqual([]);
    const national = await home(NATIONAL);
    expect(reviewed(national)).toContain(transmitted);
    expect(reviewed(national)).not.toContain(inReview);
  });
});
