import { beforeAll, describe, expect, it } from "vitest";
import { spaceId, startTestServer, type Client, type TestServer } from "../../test/harness.js";
import { ask, freshAsker } from "../access-requests/test-helpers.js";
import { mailsTo } from "../mail/test-outbox.js";

let server: TestServer;
let admin: Client;
let pilote: Client;
let grandSud: string;
beforeAll(async () => {
  server = await startTestServer();
  admin = await server.as("admin@atelier.test");
  pilote = await server.as("pilote.grand-sud@atelier.test");
  grandSud = await spaceId(server, "grand-sud");
});

const bell = async (client: Client) => (await client.get("/api/notifications")).body;
const about = (list: any, text: string) => list.notifications.filter((n: any) => n.summary.includes(text));

/** A new asker's pending request to Grand-Sud, and its id as the pilote lists it. */
async function pendingRequest() {
  const asker = await freshAsker(server, admin);
  expect((await ask(asker.client, grandSud)).status).toBe(202);
  const requests = (await pilote.get("/api/access-requests")).body.requests;
  return { asker, requestId: requests.find((r: any) => r.requester.id === asker.id).id as string };
}

describe("access requests in the bell", () => {
  it("tells the space's pilote who asks, with a link to the requests to decide, and nobody else", async () => {
    const before = (await bell(pilote)).unread;
    const { asker, requestId } = await pendingRequest();
    const mine = await bell(pilote);
    expect(mine.unread).toBe(before + 1);
    const [entry] = about(mine, "Denis Demandeur demande l'accès à COPIL territorial Grand-Sud").filter(
      (n: any) => n.link === `/demandes-acces#demande-${requestId}`,
    );
    expect(entry).toMatchObject({ kind: "access-request", documentId: null, readAt: null, actor: { id: asker.id, name: "Denis Demandeur" } });

    const membre = await server.as("membre.grand-sud@atelier.test");
    expect(about(await bell(membre), "Denis Demandeur demande")).toHaveLength(0);
    expect(about(await bell(await server.as("pilote.sud-ouest@atelier.test")), "Denis Demandeur demande")).toHaveLength(0);
    expect((await bell(asker.client)).notifications).toEqual([]);
  });

  it("says nothing twice: a second request while one is pending adds no entry", async () => {
    const { asker } = await pendingRequest();
    const count = async () => (await bell(pilote)).notifications.filter((n: any) => n.actor?.id === asker.id).length;
    expect(await count()).toBe(1);
    expect((await ask(asker.client, grandSud, { message: "Je relance." })).status).toBe(202);
    expect(await count()).toBe(1);
  });

  it("tells the asker their request was granted, linking to the space, without naming who decided", async () => {
    const { asker, requestId } = await pendingRequest();
    const mailsBefore = (await mailsTo(server, asker.email)).length;
    expect((await pilote.post(`/api/access-requests/${requestId}/grant`, { role: "membre" })).status).toBe(200);
    const theirs = await bell(asker.client);
    expect(theirs.unread).toBe(1);
    expect(theirs.notifications).toEqual([
      expect.objectContaining({
        kind: "access-decision",
        summary: "Votre demande d'accès à COPIL territorial Grand-Sud a été acceptée",
        link: `/espaces/${grandSud}`,
        actor: null,
      }),
    ]);
    // The bell does not mail: the one mail is the access-requests capability's own.
    expect(await mailsTo(server, asker.email)).toHaveLength(mailsBefore + 1);
  });

  it("tells the asker of a refusal too, though they do not read the space, linking to the directory", async () => {
    const { asker, requestId } = await pendingRequest();
    expect((await pilote.post(`/api/access-requests/${requestId}/decline`, { reason: "Réservé aux services de l'État." })).status).toBe(204);
    expect((await asker.client.get(`/api/spaces/${grandSud}`)).status).toBe(403);
    const theirs = await bell(asker.client);
    expect(theirs.notifications).toEqual([
      expect.objectContaining({ summary: "Votre demande d'accès à COPIL territorial Grand-Sud a été refusée", link: "/annuaire", actor: null }),
    ]);
    expect(JSON.stringify(theirs)).not.toContain("Réservé aux services");
  });

  it("tells the admins when the space has no pilote", async () => {
    const asker = await freshAsker(server, admin);
    const corse = await spaceId(server, "corse");
    expect((await ask(asker.client, corse)).status).toBe(202);
    expect(about(await bell(admin), "Denis Demandeur demande l'accès à COPIL régional Corse").length).toBeGreaterThan(0);
  });
});
