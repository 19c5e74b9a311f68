/**
 * ProConnect sign-in against a real OpenID Connect provider (oidc-provider, configured like
 * ProConnect) started here: the agent's steps at the provider go over HTTP (test/proconnect-provider.ts).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type Client, type TestServer } from "../../test/harness.js";
import { agentBrowser, startTestProvider, type Agent, type TestProvider } from "../../test/proconnect-provider.js";
import { lastMailTo } from "../mail/test-outbox.js";

const agent = (name: string, extra: Partial<Agent> = {}): Agent => ({
  sub: `sub-${name}`,
  email: `${name}@agents.gouv.fr`,
  given_name: "Camille",
  usual_name: name.charAt(0).toUpperCase() + name.slice(1),
  uid: `uid-${name}`,
  siret: "13002526500013",
  idp_id: "fia1v2",
  ...extra,
});

const MEMBER = agent("membre", { sub: "sub-membre", email: "membre.grand-sud@atelier.test" });
const UNVERIFIED = agent("douteux", { email: "lecteur.grand-sud@atelier.test", email_verified: false });
const INVITED = agent("invitee");
const UNKNOWN = agent("inconnue");
const DEACTIVATED = agent("desactive");

let server: TestServer;
let provider: TestProvider;
beforeAll(async () => {
  provider = await startTestProvider([MEMBER, UNVERIFIED, INVITED, UNKNOWN, DEACTIVATED]);
  server = await startTestServer(provider.env);
  // The public URL was computed from PORT=0: the redirect URI must name the real port.
  server.config.publicUrl = server.url;
  await provider.register(server.url);
  return () => provider.close();
});

/** Atelier's /login: the attempt's cookie is kept by `atelier`, and the provider's address returned. */
async function startLogin(atelier: Client): Promise<string> {
  const r = await atelier.raw("GET", "/api/auth/proconnect/login");
  expect(r.status).toBe(302);
  return r.headers.get("location")!;
}

/** The whole sign-in: Atelier, the provider, back to Atelier's callback; where Atelier sends the browser. */
async function signIn(email: string, atelier = server.client(), browser = agentBrowser()) {
  const back = await browser.signIn(await startLogin(atelier), email);
  const r = await atelier.raw("GET", back.replace(server.url, ""));
  return { atelier, browser, back, status: r.status, location: r.headers.get("location") ?? "" };
}

async function lastFailure() {
  const [row] = await server.services.db.query<{ kind: string; details: { method: string; failure: string; reason: string } }>(
    "SELECT kind, details FROM audit_log WHERE kind = 'auth.login_failed' ORDER BY at DESC LIMIT 1",
  );
  return row;
}

describe("ProConnect sign-in", () => {
  it("is offered, and sends to the provider with PKCE, state, nonce and the acr asked for", async () => {
    expect((await server.client().get("/api/auth/proconnect")).body).toEqual({ enabled: true });
    const url = new URL(await startLogin(server.client()));
    expect(url.origin).toBe(provider.issuer);
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    expect(url.searchParams.get("state")).toBeTruthy();
    expect(url.searchParams.get("nonce")).toBeTruthy();
    expect(url.searchParams.get("redirect_uri")).toBe(`${server.config.publicUrl}/api/auth/proconnect/callback`);
    expect(JSON.parse(url.searchParams.get("claims")!).id_token.acr.values).toEqual(["eidas1"]);
    expect(url.searchParams.get("scope")).toContain("usual_name");
  });

  it("links an existing account whose address the provider vouches for, in the same sessions as the password login", async () => {
    const { atelier, status, location } = await signIn(MEMBER.email);
    expect(status).toBe(302);
    expect(location).toBe("/espaces");
    expect(atelier.cookies.get("atelier_session")).toMatch(/^[a-z2-9]{24}\.[a-z2-9]{24}$/);
    const me = await atelier.get("/api/me");
    expect(me.body.user.email).toBe(MEMBER.email);
    expect(me.body.user.firstName).toBe("Marie"); // the account's own name stays
    // The administrators see it: this account now signs in both ways.
    const admin = await server.as("admin@atelier.test");
    const listed = await admin.get(`/api/admin/users?q=${encodeURIComponent(MEMBER.email)}`);
    expect(listed.body.users.map((u: { email: string; signIn: string }) => [u.email, u.signIn])).toEqual([[MEMBER.email, "both"]]);
  });

  it("gives an invited person an account with the invitation's membership", async () => {
    const pilote = await server.as("pilote.grand-sud@atelier.test");
    const [space] = await server.services.db.query<{ id: string }>("SELECT id FROM spaces WHERE slug = 'grand-sud'");
    expect((await pilote.post(`/api/spaces/${space!.id}/invitations`, { email: INVITED.email, role: "contributeur", organisation: "CCAS" })).status).toBe(201);
    const { atelier, location } = await signIn(INVITED.email);
    expect(location).toBe(`/espaces/${space!.id}`);
    const me = (await atelier.get("/api/me")).body.user;
    expect(me).toMatchObject({ email: INVITED.email, firstName: "Camille", lastName: "Invitee", organisation: "CCAS" });
    const admin = await server.as("admin@atelier.test");
    expect((await admin.get(`/api/admin/users/${me.id}`)).body.user).toMatchObject({ hasPassword: false, signIn: "proconnect" });
    const members = await atelier.get(`/api/spaces/${space!.id}/members`);
    expect(members.status).toBe(200);
    expect(JSON.stringify(members.body)).toContain(INVITED.email);
  });

  it("sends an unknown agent to 'Demander l'accès', prefilled, and makes no account; the request reaches the administrators", async () => {
    const { atelier, location } = await signIn(UNKNOWN.email);
    expect(location).toBe("/demande-acces");
    expect(atelier.cookies.has("atelier_session")).toBe(false);
    const draft = await atelier.get("/api/auth/proconnect/request");
    expect(draft.body).toEqual({ email: UNKNOWN.email, firstName: "Camille", lastName: "Inconnue", organisation: "SIRET 13002526500013", siret: "13002526500013", submitted: false });
    const bad = await atelier.post("/api/auth/proconnect/request", { firstName: "", lastName: "Inconnue", organisation: "DDETS" });
    expect(bad.status).toBe(400);
    const sent = await atelier.post("/api/auth/proconnect/request", { firstName: "Camille", lastName: "Inconnue", organisation: "DDETS du Var", message: "Je rejoins le COPIL." });
    expect(sent.status).toBe(202);
    expect((await lastMailTo(server, "admin@atelier.test")).text).toContain("Camille Inconnue (inconnue@agents.gouv.fr), DDETS du Var");
    expect(await server.services.db.query("SELECT id FROM users WHERE email = $1", [UNKNOWN.email])).toEqual([]);
    expect((await server.client().get("/api/auth/proconnect/request")).status).toBe(410);
  });

  it("logging out ends the provider's session too (end-session endpoint with the ID token as hint)", async () => {
    const { atelier, browser } = await signIn(MEMBER.email);
    const out = await atelier.post("/api/auth/logout");
    expect(out.status).toBe(200);
    const end = new URL(out.body.logoutUrl);
    expect(end.origin).toBe(provider.issuer);
    expect(end.searchParams.get("id_token_hint")).toBeTruthy();
    expect((await atelier.get("/api/me")).status).toBe(401);
    expect(await browser.endSession(end.toString())).toMatch(new RegExp(`^${server.config.publicUrl}/connexion\\?state=`));
    expect(await browser.asksToSignIn(await startLogin(server.client()))).toBe(true);
  });
});

describe("ProConnect failures end on the login page and in the audit journal", () => {
  it("a return with another state, or with no attempt of this browser", async () => {
    const atelier = server.client();
    const back = await agentBrowser().signIn(await startLogin(atelier), MEMBER.email);
    const forged = new URL(back);
    forged.searchParams.set("state", "un-autre-etat");
    const r = await atelier.raw("GET", forged.pathname + forged.search);
    expect(r.headers.get("location")).toBe("/connexion?proconnect=invalid_state");
    expect(await lastFailure()).toMatchObject({ details: { method: "proconnect", failure: "invalid_state" } });
    const stranger = await server.client().raw("GET", new URL(back).pathname + new URL(back).search);
    expect(stranger.headers.get("location")).toBe("/connexion?proconnect=invalid_state");
  });

  it("a replayed return, and a code used once already", async () => {
    const first = await signIn(MEMBER.email);
    expect(first.location).toBe("/espaces");
    const again = await first.atelier.raw("GET", first.back.replace(server.url, ""));
    expect(again.headers.get("location")).toBe("/connexion?proconnect=invalid_state");
    // A new attempt of this browser fed the old code: the provider refuses it.
    const atelier = server.client();
    const state = new URL(await startLogin(atelier)).searchParams.get("state")!;
    const replay = new URL(first.back);
    replay.searchParams.set("state", state);
    const r = await atelier.raw("GET", replay.pathname + replay.search);
    expect(r.headers.get("location")).toBe("/connexion?proconnect=rejected_code");
    expect(await lastFailure()).toMatchObject({ details: { failure: "rejected_code" } });
  });

  it("an ID token meant for another audience", async () => {
    provider.tamperAudience = "un-autre-service";
    try {
      const { location, atelier } = await signIn(MEMBER.email);
      expect(location).toBe("/connexion?proconnect=invalid_token");
      expect(atelier.cookies.has("atelier_session")).toBe(false);
    } finally {
      provider.tamperAudience = null;
    }
    const failure = await lastFailure();
    expect(failure).toMatchObject({ details: { failure: "invalid_token" } });
    expect(failure!.details.reason).toMatch(/"aud"/);
  });

  it("an address the provider does not vouch for is never linked to the account that has it", async () => {
    const { location, atelier } = await signIn(UNVERIFIED.email);
    expect(location).toBe("/connexion?proconnect=unverified_email");
    expect(atelier.cookies.has("atelier_session")).toBe(false);
    expect(await server.services.db.query("SELECT 1 FROM proconnect_identities WHERE sub = $1", [UNVERIFIED.sub])).toEqual([]);
    expect(await lastFailure()).toMatchObject({ details: { failure: "unverified_email" } });
  });

  it("a deactivated account, linked or not", async () => {
    const admin = await server.as("admin@atelier.test");
    const created = await admin.post("/api/admin/users", { email: DEACTIVATED.email, firstName: "Dé", lastName: "Sactivé" });
    expect(created.status).toBe(201);
    expect((await signIn(DEACTIVATED.email)).location).toBe("/espaces");
    expect((await admin.post(`/api/admin/users/${created.body.user.id}/deactivate`)).status).toBe(200);
    const { location, atelier } = await signIn(DEACTIVATED.email);
    expect(location).toBe("/connexion?proconnect=account_inactive");
    expect(atelier.cookies.has("atelier_session")).toBe(false);
    expect(await lastFailure()).toMatchObject({ kind: "auth.login_failed", details: { failure: "account_inactive" } });
  });

  // Last: the provider stops for good.
  it("a provider that stops answering between the sign-in and the return", async () => {
    const atelier = server.client();
    const back = await agentBrowser().signIn(await startLogin(atelier), MEMBER.email);
    await provider.close();
    const r = await atelier.raw("GET", back.replace(server.url, ""));
    expect(r.headers.get("location")).toBe("/connexion?proconnect=provider_unavailable");
    expect(await lastFailure()).toMatchObject({ details: { failure: "provider_unavailable" } });
  });
});
