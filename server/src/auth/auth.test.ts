import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, startTestServer, type TestServer } from "../../test/harness.js";
import { waitForMailTo } from "../mail/test-outbox.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

describe("login", () => {
  it("opens a session with an HttpOnly, SameSite=Lax cookie, and /api/me answers", async () => {
    const c = server.client();
    const r = await c.post("/api/auth/login", { email: "Membre.Grand-Sud@atelier.test", password: DEMO_PASSWORD });
    expect(r.status).toBe(200);
    expect(r.body.user.email).toBe("membre.grand-sud@atelier.test");
    const cookie = r.headers.getSetCookie().join("\n");
    expect(cookie).toMatch(/atelier_session=[a-z2-9]{24}\.[a-z2-9]{24}/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const me = await c.get("/api/me");
    expect(me.status).toBe(200);
    expect(me.body.user.firstName).toBe("Marie");
  });

  it("stores only a hash of the session secret", async () => {
    const c = await server.as("pilote.grand-sud@atelier.test");
    const [id, secret] = c.cookies.get("atelier_session")!.split(".");
    const rows = await server.services.db.query<{ secret_hash: Uint8Array }>("SELECT secret_hash FROM sessions WHERE id = $1", [id]);
    expect(rows).toHaveLength(1);
    expect(Buffer.from(rows[0]!.secret_hash).toString()).not.toContain(secret);
    expect(rows[0]!.secret_hash.length).toBe(32);
  });

  it("answers the same 401 for a wrong password and an unknown account", async () => {
    const a = await server.client().post("/api/auth/login", { email: "admin@atelier.test", password: "mauvais-mot-de-passe" });
    const b = await server.client().post("/api/auth/login", { email: "personne@atelier.test", password: "mauvais-mot-de-passe" });
    expect(a.status).toBe(401);
    expect(b.status).toBe(401);
    expect(a.body).toEqual(b.body);
    expect(a.body.error.message).toMatch(/incorrect/);
  });

  it("rejects a tampered token", async () => {
    const c = await server.as("lecteur.grand-sud@atelier.test");
    const [id] = c.cookies.get("atelier_session")!.split(".");
    c.cookies.set("atelier_session", `${id}.${"a".repeat(24)}`);
    expect((await c.get("/api/me")).status).toBe(401);
  });

  it("ends the session at logout", async () => {
    const c = await server.as("lecteur.grand-sud@atelier.test");
    const token = c.cookies.get("atelier_session")!;
    expect((await c.post("/api/auth/logout")).status).toBe(204);
    c.cookies.set("atelier_session", token);
    expect((await c.get("/api/me")).status).toBe(401);
  });

  it("names what is wrong with a malformed body", async () => {
    const c = server.client();
    const bad = await c.raw("POST", "/api/auth/login", { body: "{nope", headers: { "content-type": "application/json" } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).error.code).toBe("invalid_json");
    const extra = await c.post("/api/auth/login", { email: "a@b.fr", password: "x", admin: true });
    expect(extra.status).toBe(400);
    expect(extra.body.error.message).toBe("La requête : champ(s) non prévu(s) : admin.");
    const missing = await c.post("/api/auth/login", { password: "x" });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toBe("Adresse électronique : obligatoire.");
  });

  it("refuses a state-changing request from another origin", async () => {
    const c = server.client();
    const r = await c.request("POST", "/api/auth/login", { email: "admin@atelier.test", password: DEMO_PASSWORD }, { origin: "https://evil.example" });
    expect(r.status).toBe(403);
    const noOrigin = await fetch(server.url + "/api/auth/logout", { method: "POST" });
    expect(noOrigin.status).toBe(403);
    const sameSite = await fetch(server.url + "/api/auth/logout", { method: "POST", headers: { "sec-fetch-site": "same-origin" } });
    expect(sameSite.status).toBe(204);
  });
});

describe("throttling", () => {
  it("slows an account down after repeated failures, with a French delay, even with the right password", async () => {
    const email = "membre.sud-ouest@atelier.test";
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push((await server.client().post("/api/auth/login", { email, password: "pas-le-bon-mot-de-passe" })).status);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    const blocked = await server.client().post("/api/auth/login", { email, password: DEMO_PASSWORD });
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.message).toMatch(/Réessayez dans \d+ secondes/);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    // Another account from the same address is not blocked.
    expect((await server.client().post("/api/auth/login", { email: "admin@atelier.test", password: DEMO_PASSWORD })).status).toBe(200);
  });
});

describe("throttling per address behind a proxy", () => {
  let proxied: TestServer;
  beforeAll(async () => {
    proxied = await startTestServer({ TRUST_PROXY: "true" });
  });
  afterAll(() => proxied.close());
  const from = (address: string, email: string, password: string) =>
    proxied.client().request("POST", "/api/auth/login", { email, password }, { "x-forwarded-for": `203.0.113.9, ${address}` });

  it("holds back whoever guesses an account from one address, not its owner elsewhere", async () => {
    const email = "membre.grand-sud@atelier.test";
    for (let i = 0; i < 6; i++) await from("198.51.100.20", email, "mauvais-mot-de-passe");
    expect((await from("198.51.100.20", email, DEMO_PASSWORD)).status).toBe(429);
    expect((await from("198.51.100.21", email, DEMO_PASSWORD)).status).toBe(200);
  });

  it("does not lock out an office behind one address after thirty failures on many accounts", async () => {
    for (let i = 0; i < 30; i++) await from("198.51.100.7", `inconnu${i}@atelier.test`, "mauvais-mot-de-passe");
    expect((await from("198.51.100.7", "admin@atelier.test", DEMO_PASSWORD)).status).toBe(200);
  });

  it("slows an address trying a hundred accounts down", async () => {
    for (let i = 0; i < 101; i++) await from("198.51.100.30", `balayage${i}@atelier.test`, "mauvais-mot-de-passe");
    expect((await from("198.51.100.30", "admin@atelier.test", DEMO_PASSWORD)).status).toBe(429);
    expect((await from("198.51.100.31", "admin@atelier.test", DEMO_PASSWORD)).status).toBe(200);
  });

  it("blocks an account guessed from many addresses and mails its owner a link that lifts it once", async () => {
    const email = "pilote.sud-ouest@atelier.test";
    // The owner mistyped from her own address too: that pair is blocked as well, and the link lifts it.
    for (let i = 0; i < 6; i++) await from("198.51.100.99", email, "mauvais-mot-de-passe");
    for (let i = 0; i < 15; i++) await from(`192.0.2.${i + 1}`, email, "mauvais-mot-de-passe");
    expect((await from("198.51.100.99", email, DEMO_PASSWORD)).status).toBe(429);
    const mail = await waitForMailTo(proxied, email);
    expect(mail.subject).toBe("Connexions à votre compte Atelier suspendues");
    const link = new URL(mail.text.match(/http\S+\/api\/auth\/unlock\S+/)![0]);
    const opened = await fetch(proxied.url + link.pathname + link.search, { redirect: "manual" });
    expect(opened.status).toBe(302);
    expect(opened.headers.get("location")).toMatch(/\/connexion\?deverrouillage=ok$/);
    expect((await from("198.51.100.99", email, DEMO_PASSWORD)).status).toBe(200);
    const again = await fetch(proxied.url + link.pathname + link.search, { redirect: "manual" });
    expect(again.headers.get("location")).toMatch(/deverrouillage=invalide$/);
  });
});

describe("inactivity timeout", () => {
  const age = async (c: import("../../test/harness.js").Client, ms: number) => {
    const id = c.cookies.get("atelier_session")!.split(".")[0]!;
    await server.services.db.query("UPDATE sessions SET last_verified_at = $2 WHERE id = $1", [id, new Date(Date.now() - ms)]);
    return id;
  };
  const lastVerified = async (id: string) =>
    new Date((await server.services.db.query<{ t: Date }>("SELECT last_verified_at AS t FROM sessions WHERE id = $1", [id]))[0]!.t);

  it("renews an active session at most once an hour", async () => {
    const c = await server.as("membre.corse@atelier.test");
    const id = await age(c, 10 * 60 * 1000);
    const before = await lastVerified(id);
    expect((await c.get("/api/me")).status).toBe(200);
    expect((await lastVerified(id)).getTime()).toBe(before.getTime());
    await age(c, 2 * 3600 * 1000);
    expect((await c.get("/api/me")).status).toBe(200);
    expect(Date.now() - (await lastVerified(id)).getTime()).toBeLessThan(60_000);
  });

  it("ends a session left idle past the timeout", async () => {
    const c = await server.as("membre.corse@atelier.test");
    await age(c, 11 * 24 * 3600 * 1000);
    expect((await c.get("/api/me")).status).toBe(401);
  });
});

describe("form errors in French", () => {
  it("names the field of a malformed address, in French", async () => {
    const r = await server.client().post("/api/auth/login", { email: "pas-une-adresse", password: "x" });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toBe("Adresse électronique invalide.");
    expect(r.body.error.details).toEqual([{ path: "email", message: "Adresse électronique invalide.", code: "invalid_format" }]);
  });

  it("says which field is missing, and keeps a schema's own words", async () => {
    const r = await server.client().post("/api/auth/login", { email: "a@b.fr" });
    expect(r.body.error.message).toBe("Mot de passe : obligatoire.");
    const admin = await server.as("admin@atelier.test");
    const short = await admin.post("/api/admin/users", { email: "x@atelier.test", firstName: "", lastName: "Durand", extra: 1 });
    expect(short.status).toBe(400);
    expect(short.body.error.message).toContain("Prénom : obligatoire.");
    expect(short.body.error.message).not.toMatch(/firstName|extra\b.*invalid|Invalid/);
  });
});

describe("time zone", () => {
  it("is Paris by default, chosen per account, and /api/me carries it", async () => {
    const c = await server.as("membre.corse@atelier.test");
    expect((await c.get("/api/me")).body.user.timeZone).toBe("Europe/Paris");
    const r = await c.put("/api/me/time-zone", { timeZone: "America/Martinique" });
    expect(r.status).toBe(200);
    expect(r.body.user.timeZone).toBe("America/Martinique");
    expect((await c.get("/api/me")).body.user.timeZone).toBe("America/Martinique");
    // Another session of the same person sees it too.
    expect((await (await server.as("membre.corse@atelier.test")).get("/api/me")).body.user.timeZone).toBe("America/Martinique");
  });

  it("refuses a zone outside the programme's, in French", async () => {
    const c = await server.as("lecteur.grand-sud@atelier.test");
    const r = await c.put("/api/me/time-zone", { timeZone: "Mars/Olympus" });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toBe("Fuseau horaire inconnu.");
    expect((await c.get("/api/me")).body.user.timeZone).toBe("Europe/Paris");
  });
});
