/**
 * A committee that requires ProConnect of its members, against a real OpenID Connect provider
 * (test/proconnect-provider.ts): password sessions end and password logins are refused, ProConnect
 * still lets the members in, an invitation to it is accepted through ProConnect only.
 */
import { COLLAB_CLOSE } from "@atelier/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, spaceId, startTestServer, type Client, type TestServer } from "../../test/harness.js";
import { agentBrowser, startTestProvider, type Agent, type TestProvider } from "../../test/proconnect-provider.js";
import { connect, synced, until } from "../collab/test-helpers.js";
import { lastMailTo, tokenIn } from "../mail/test-outbox.js";

const agent = (email: string, sub: string): Agent => ({
  sub,
  email,
  given_name: "Sophie",
  usual_name: "Garonne",
  uid: `uid-${sub}`,
  siret: "13002526500013",
  idp_id: "fia1v2",
});
const MEMBER = agent("membre.sud-ouest@atelier.test", "sub-sud-ouest");
const INVITED = agent("nouvelle.sud-ouest@agents.gouv.fr", "sub-invitee-sud-ouest");

let server: TestServer;
let provider: TestProvider;
let sudOuest: string;
beforeAll(async () => {
  provider = await startTestProvider([MEMBER, INVITED]);
  server = await startTestServer(provider.env);
  server.config.publicUrl = server.url;
  await provider.register(server.url);
  sudOuest = await spaceId(server, "sud-ouest");
});
afterAll(() => provider.close());

async function proConnectSignIn(email: string): Promise<{ atelier: Client; location: string }> {
  const atelier = server.client();
  const r = await atelier.raw("GET", "/api/auth/proconnect/login");
  const back = await agentBrowser().signIn(r.headers.get("location")!, email);
  const done = await atelier.raw("GET", back.replace(server.url, ""));
  return { atelier, location: done.headers.get("location") ?? "" };
}

const passwordLogin = (email: string) => server.client().post("/api/auth/login", { email, password: DEMO_PASSWORD });

describe("a committee that requires ProConnect", () => {
  it("cannot require it where ProConnect is not configured", async () => {
    const plain = await startTestServer();
    try {
      const admin = await plain.as("admin@atelier.test");
      const r = await admin.patch(`/api/admin/spaces/${await spaceId(plain, "sud-ouest")}`, { proconnectRequired: true });
      expect(r.status).toBe(409);
      expect(r.body.error).toMatchObject({ code: "proconnect_unavailable" });
      expect((await passwordLogin("membre.sud-ouest@atelier.test")).status).toBe(200);
    } finally {
      await plain.close();
    }
  });

  it("ends its members' password sessions and sockets, refuses their password, and lets them in through ProConnect", async () => {
    const pilote = await server.as("pilote.sud-ouest@atelier.test");
    const created = await pilote.post(`/api/spaces/${sudOuest}/documents`, { title: "Bilan", kind: "livrable" });
    expect(created.status).toBe(201);
    const membre = await server.as("membre.sud-ouest@atelier.test");
    const peer = connect(server.url, membre, created.body.document.id);
    await synced(peer);

    const admin = await server.as("admin@atelier.test");
    const r = await admin.patch(`/api/admin/spaces/${sudOuest}`, { proconnectRequired: true });
    expect(r.status).toBe(200);
    expect(r.body.space.proconnectRequired).toBe(true);

    await until("socket fermée", () => peer.closes.length > 0, 5000);
    expect(peer.closes[0]!.code).toBe(COLLAB_CLOSE.unauthenticated.code);
    peer.destroy();
    expect((await membre.get("/api/me")).status).toBe(401);

    const refused = await passwordLogin("membre.sud-ouest@atelier.test");
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("proconnect_required");
    expect(refused.body.error.message).toContain("Le comité COPIL territorial Sud-Ouest demande à ses membres de se connecter avec ProConnect");
    // A wrong password is told as a wrong password: the committee's rule is not revealed to a guesser.
    expect((await server.client().post("/api/auth/login", { email: "membre.sud-ouest@atelier.test", password: "pas-le-bon-mot" })).status).toBe(401);
    const [audit] = await server.services.db.query<{ details: { reason: string } }>(
      "SELECT details FROM audit_log WHERE kind = 'auth.login_refused' ORDER BY at DESC LIMIT 1",
    );
    expect(audit?.details.reason).toBe("proconnect_required");

    // Members of other committees and administrators keep their password.
    expect((await passwordLogin("membre.grand-sud@atelier.test")).status).toBe(200);
    expect((await passwordLogin("admin@atelier.test")).status).toBe(200);

    const { atelier, location } = await proConnectSignIn(MEMBER.email);
    expect(location).toBe("/espaces");
    expect((await atelier.get(`/api/spaces/${sudOuest}`)).status).toBe(200);
  });

  it("has an invitation to it accepted through ProConnect, never with a password", async () => {
    // The pilote signs in with ProConnect too now: the administrator invites.
    const admin = await server.as("admin@atelier.test");
    expect((await admin.post(`/api/spaces/${sudOuest}/invitations`, { email: INVITED.email, role: "membre" })).status).toBe(201);
    const token = tokenIn(await lastMailTo(server, INVITED.email), "/invitation");
    const preview = await server.client().get(`/api/invitations/${token}`);
    expect(preview.body.proconnectRequired).toBe(true);

    const accepted = await server.client().post(`/api/invitations/${token}/accept`, { firstName: "Nina", lastName: "Nouvelle", password: "un mot de passe solide 2026" });
    expect(accepted.status).toBe(403);
    expect(accepted.body.error.code).toBe("proconnect_required");
    // Nothing of the refused acceptance stays: no account, the invitation still pending.
    expect(await server.services.db.query("SELECT 1 FROM users WHERE email = $1", [INVITED.email])).toEqual([]);
    expect((await server.client().get(`/api/invitations/${token}`)).status).toBe(200);

    const { atelier, location } = await proConnectSignIn(INVITED.email);
    expect(location).toBe(`/espaces/${sudOuest}`);
    expect((await atelier.get(`/api/spaces/${sudOuest}`)).status).toBe(200);
  });

  it("gives the password back when the requirement is lifted", async () => {
    const admin = await server.as("admin@atelier.test");
    expect((await admin.patch(`/api/admin/spaces/${sudOuest}`, { proconnectRequired: false })).body.space.proconnectRequired).toBe(false);
    expect((await passwordLogin("membre.sud-ouest@atelier.test")).status).toBe(200);
  });
});
