/**
 * Retention: the personal data each periodic task is responsible for is gone once past its limit, what is
 * within it stays, and with several instances on one database each task runs once per period.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { retireInactiveAccounts } from "../src/admin/inactive.js";
import { signInRetention } from "../src/auth/retention.js";
import { mailsTo } from "../src/mail/test-outbox.js";
import type { Services } from "../src/context.js";
import { openPostgres } from "../src/db/postgres.js";
import { invitationsRetention } from "../src/invitations/retention.js";
import { claimRun, startMaintenance, type MaintenanceTask } from "../src/maintenance.js";
import { notificationsRetention } from "../src/notifications/retention.js";
import { documentAt, MEMBRE, PILOTE } from "../src/workflow/test-helpers.js";
import { freshDb } from "./db.js";
import { spaceId, startTestServer, type TestServer } from "./harness.js";

const LECTEUR_GS = "lecteur.grand-sud@atelier.test";

let server: TestServer;
const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) => server.services.db.query<T>(text, params);
const count = async (text: string, params: unknown[] = []) => Number((await sql<{ n: number }>(`SELECT count(*)::int AS n FROM ${text}`, params))[0]!.n);
const idOf = async (email: string) => (await sql<{ id: string }>("SELECT id FROM users WHERE email = $1", [email]))[0]!.id;

beforeAll(async () => {
  server = await startTestServer();
});

describe("the retention tasks", () => {
  it("end the sessions idle past the inactivity limit and keep the others", async () => {
    const idle = await server.as(MEMBRE);
    const active = await server.as(PILOTE);
    await sql("UPDATE sessions SET last_verified_at = now() - make_interval(days => $2) WHERE user_id = $1", [
      await idOf(MEMBRE),
      server.config.SESSION_INACTIVITY_DAYS + 1,
    ]);
    await signInRetention.run(server.services);
    expect(await count("sessions WHERE user_id = $1", [await idOf(MEMBRE)])).toBe(0);
    expect((await idle.get("/api/me")).status).toBe(401);
    expect((await active.get("/api/me")).status).toBe(200);
  });

  it("delete password-reset links and failed-login counters once past their delay", async () => {
    const visitor = server.client();
    expect((await visitor.post("/api/auth/password/forgot", { email: MEMBRE })).status).toBeLessThan(300);
    expect((await visitor.post("/api/auth/password/forgot", { email: PILOTE })).status).toBeLessThan(300);
    expect((await visitor.post("/api/auth/login", { email: LECTEUR_GS, password: "pas le bon" })).status).toBe(401);
    const lecteurKeys = "login_throttle WHERE key LIKE '%' || $1 || '%'";
    expect(await count(lecteurKeys, [LECTEUR_GS])).toBeGreaterThan(0);
    await sql("UPDATE password_resets SET expires_at = now() - make_interval(days => $2) WHERE user_id = $1", [
      await idOf(MEMBRE),
      server.config.EXPIRED_LINK_RETENTION_DAYS + 1,
    ]);
    await sql(`UPDATE login_throttle SET updated_at = now() - interval '2 hours', blocked_until = NULL WHERE key LIKE '%' || $1 || '%'`, [LECTEUR_GS]);
    await signInRetention.run(server.services);
    expect(await count("password_resets WHERE user_id = $1", [await idOf(MEMBRE)])).toBe(0);
    expect(await count("password_resets WHERE user_id = $1", [await idOf(PILOTE)])).toBe(1);
    expect(await count(lecteurKeys, [LECTEUR_GS])).toBe(0);
  });

  it("delete invitations some days after they expired, and keep the pending ones listed", async () => {
    const pilote = await server.as(PILOTE);
    const space = await spaceId(server, "grand-sud");
    for (const email of ["ancienne.invitation@exemple.fr", "invitation.en.cours@exemple.fr"]) {
      expect((await pilote.post(`/api/spaces/${space}/invitations`, { email, role: "membre" })).status).toBe(201);
    }
    await sql("UPDATE invitations SET expires_at = now() - make_interval(days => $2) WHERE email = $1", [
      "ancienne.invitation@exemple.fr",
      server.config.EXPIRED_LINK_RETENTION_DAYS + 1,
    ]);
    await invitationsRetention.run(server.services);
    expect(await count("invitations WHERE email = $1", ["ancienne.invitation@exemple.fr"])).toBe(0);
    const pending = (await pilote.get(`/api/spaces/${space}/invitations`)).body as { invitations: { email: string }[] };
    expect(pending.invitations.map((i) => i.email)).toContain("invitation.en.cours@exemple.fr");
  });

  it("delete notifications past their retention, read or not, and keep the recent ones in the bell", async () => {
    const old = await documentAt(server, "en-relecture", { title: "Livrable d'il y a longtemps" });
    const recent = await documentAt(server, "en-relecture", { title: "Livrable de cette semaine" });
    await sql("UPDATE notifications SET created_at = now() - make_interval(days => $2) WHERE document_id = $1", [
      old,
      server.config.NOTIFICATION_RETENTION_DAYS + 1,
    ]);
    await notificationsRetention.run(server.services);
    const lecteur = await server.as(LECTEUR_GS);
    const bell = (await lecteur.get("/api/notifications")).body as { notifications: { documentId: string | null }[] };
    const documents = bell.notifications.map((n) => n.documentId);
    expect(documents).toContain(recent);
    expect(documents).not.toContain(old);
    expect(await count("notifications WHERE document_id = $1", [old])).toBe(0);
  });
});

describe("accounts unused for years", () => {
  const DAY = 86_400_000;
  const age = (email: string, days: number) =>
    sql("UPDATE users SET last_active_at = now() - make_interval(days => $2) WHERE email = $1", [email, days]);

  it("are warned by e-mail, then erased unless the person signs in meanwhile", async () => {
    const admin = await server.as("admin@atelier.test");
    const grandSud = await spaceId(server, "grand-sud");
    const forgotten = "compte.oublie@exemple.fr";
    const created = await admin.post("/api/admin/users", { email: forgotten, firstName: "Oublié", lastName: "Depuislongtemps", membership: { spaceId: grandSud, role: "lecteur" } });
    expect(created.status).toBe(201);
    const returning = "partenaire@atelier.test";
    const limitDays = server.config.INACTIVE_ACCOUNT_YEARS * 365;
    // Both within the warning period before the limit; everyone else was active lately.
    await age(forgotten, limitDays - 10);
    await age(returning, limitDays - 10);

    const first = await retireInactiveAccounts(server.services);
    expect(first).toEqual({ warned: 2, erased: 0 });
    const warning = (await mailsTo(server, forgotten)).find((m) => m.subject.includes("inutilisé"));
    expect(warning!.subject).toBe("Votre compte Atelier inutilisé sera effacé");
    expect(warning!.text).toContain("Pour garder votre compte, il suffit de vous connecter avant cette date");
    // Warned once only, even if the task runs again.
    expect(await retireInactiveAccounts(server.services)).toEqual({ warned: 0, erased: 0 });

    await server.as(returning);
    const later = new Date(Date.now() + (server.config.INACTIVE_WARNING_DAYS + 1) * DAY);
    expect(await retireInactiveAccounts(server.services, later)).toEqual({ warned: 0, erased: 1 });
    const users = (await admin.get("/api/admin/users?limit=500")).body.users as { id: string; email: string; firstName: string; erasedAt: string | null }[];
    const erased = users.find((u) => u.id === created.body.user.id)!;
    expect(erased).toMatchObject({ firstName: "Ancien" });
    expect(erased.erasedAt).not.toBeNull();
    expect(users.find((u) => u.email === returning)!.erasedAt).toBeNull();
    expect(await count("users WHERE email = $1", [forgotten])).toBe(0);
    const journal = (await admin.get("/api/audit?kind=user.erased")).body.entries as { targetId: string; actorId: string | null; details: { reason?: string } }[];
    expect(journal.find((e) => e.targetId === erased.id)).toMatchObject({ actorId: null, details: { reason: "inactivity" } });
  });
});

describe("with two instances on one database", () => {
  /** Two instances' services: on PostgreSQL two connection pools, on PGlite the one embedded database. */
  async function twoInstances() {
    const { db, url, drop } = await freshDb();
    const other = url ? await openPostgres(url) : db;
    const close = async () => {
      if (other !== db) await other.close();
      await drop();
    };
    return { a: { db } as Services, b: { db: other } as Services, close };
  }

  it("a task claimed at once by both runs on one of them only, and again in its next period", async () => {
    const { a, b, close } = await twoInstances();
    try {
      for (let i = 0; i < 20; i++) {
        const task = { name: `tâche ${i}`, everyMs: 200 };
        const claims = await Promise.all([claimRun(a, task), claimRun(b, task), claimRun(a, task), claimRun(b, task)]);
        expect(claims.filter(Boolean), task.name).toHaveLength(1);
      }
      const task = { name: "tâche 0", everyMs: 200 };
      await new Promise((r) => setTimeout(r, 250));
      expect((await Promise.all([claimRun(b, task), claimRun(a, task)])).filter(Boolean)).toHaveLength(1);
    } finally {
      await close();
    }
  });

  it("the maintenance of both instances runs each task once", async () => {
    const { a, b, close } = await twoInstances();
    const runs: string[] = [];
    const tasks: MaintenanceTask[] = ["sessions", "notifications", "invitations"].map((name) => ({
      name,
      everyMs: 3600 * 1000,
      run: async () => void runs.push(name),
    }));
    const stops = [startMaintenance(a, tasks), startMaintenance(b, tasks)];
    try {
      await expect.poll(() => runs.length).toBe(3);
      // Both instances' first rounds are over: nothing else ran.
      await new Promise((r) => setTimeout(r, 300));
      expect(runs.sort()).toEqual(["invitations", "notifications", "sessions"]);
    } finally {
      stops.forEach((stop) => stop());
      await close();
    }
  });
});

describe("the page « Données personnelles »", () => {
  it("states the durations in force, for visitors with no account, and every public page links to it", async () => {
    const configured = await startTestServer({ NOTIFICATION_RETENTION_DAYS: "45", INACTIVE_ACCOUNT_YEARS: "2", INACTIVE_WARNING_DAYS: "15" });
    const visitor = configured.client();
    const page = await visitor.get("/donnees-personnelles");
    expect(page.status).toBe(200);
    const text = String(page.body).replace(/\s+/g, " ");
    expect(text).toContain("<h1>Données personnelles</h1>");
    expect(text).toContain("supprimées 45 jours après leur envoi");
    expect(text).toContain("après 2 ans sans connexion");
    expect(text).toContain("15 jours avant");
    expect(text).toContain(`entrées supprimées après ${configured.config.AUDIT_RETENTION_DAYS} jours`);
    expect(String((await visitor.get("/")).body)).toContain('href="/donnees-personnelles"');
  });
});
