/**
 * "S'identifier avec ProConnect": the redirect to the provider, its return, and "Demander l'accès"
 * for an agent whom no account knows (no account is made: the administrators are asked). Sessions are
 * those of the password login. Every failure is audited and ends on the login page, which says what to do.
 */
import {
  ProConnectRequestBody,
  type ProConnectFailure,
  type ProConnectRequestDraft,
  type ProConnectStatus,
} from "@atelier/shared";
import type { Context } from "hono";
import { Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { recordAudit } from "../audit/record.js";
import { setSessionCookie } from "../auth/middleware.js";
import { createSession } from "../auth/sessions.js";
import { hashToken, randomToken } from "../auth/tokens.js";
import type { AppEnv, Services } from "../context.js";
import { clientAddress } from "../http/client-address.js";
import { HttpError, notFound } from "../http/errors.js";
import { readJson } from "../http/validate.js";
import { appLink } from "../mail/links.js";
import { proConnectRequestMail } from "../mail/templates.js";
import { callbackUrl, newChecks, proConnect, ProConnectError } from "./provider.js";
import {
  activeAdminEmails,
  ATTEMPT_TTL_MINUTES,
  findRequestDraft,
  REQUEST_DRAFT_TTL_MINUTES,
  resolveAccount,
  saveAttempt,
  saveRequestDraft,
  submitRequest,
  takeAttempt,
} from "./queries.js";

const ATTEMPT_COOKIE = "atelier_proconnect";
const REQUEST_COOKIE = "atelier_proconnect_demande";
const COOKIE_PATH = "/api/auth/proconnect";
const NO_DRAFT =
  "Votre identification ProConnect a expiré. Identifiez-vous à nouveau avec ProConnect pour demander l'accès.";

export function proConnectRoutes(s: Services) {
  const app = new Hono<AppEnv>();
  const provider = proConnect(s.config);
  const cookie = (c: Context, name: string, value: string, minutes: number) =>
    // Lax: the provider sends the browser back with a top-level GET, which carries it.
    setCookie(c, name, value, { path: COOKIE_PATH, httpOnly: true, sameSite: "Lax", secure: s.config.cookieSecure, maxAge: minutes * 60 });

  /** Audits the failure and sends the person to the login page, which explains it. */
  async function fail(c: Context<AppEnv>, code: ProConnectFailure, reason: string, actor: { id: string; email: string } | null = null) {
    await recordAudit(s.db, {
      kind: "auth.login_failed",
      actor,
      details: { method: "proconnect", failure: code, reason: reason.slice(0, 500) },
      address: clientAddress(c, s.config.TRUST_PROXY),
    });
    return c.redirect(`/connexion?proconnect=${code}`, 302);
  }

  app.get("/", (c) => c.json<ProConnectStatus>({ enabled: provider !== null }));

  app.get("/login", async (c) => {
    if (!provider) throw notFound("La connexion avec ProConnect n'est pas proposée ici.");
    const key = randomToken();
    const checks = newChecks();
    let url: string;
    try {
      url = await provider.authorizationUrl(checks);
    } catch (err) {
      return fail(c, "provider_unavailable", err instanceof ProConnectError ? err.reason : String(err));
    }
    await saveAttempt(s.db, hashToken(key), { state: checks.state, nonce: checks.nonce, code_verifier: checks.codeVerifier });
    cookie(c, ATTEMPT_COOKIE, key, ATTEMPT_TTL_MINUTES);
    return c.redirect(url, 302);
  });

  app.get("/callback", async (c) => {
    if (!provider) throw notFound("La connexion avec ProConnect n'est pas proposée ici.");
    const key = getCookie(c, ATTEMPT_COOKIE);
    deleteCookie(c, ATTEMPT_COOKIE, { path: COOKIE_PATH });
    const attempt = key ? await takeAttempt(s.db, hashToken(key)) : null;
    // No attempt of this browser, or another one's state: a forged, replayed or stale return.
    if (!attempt || attempt.state !== c.req.query("state")) {
      return fail(c, "invalid_state", attempt ? "state differs" : "no attempt for this browser");
    }
    let identity;
    try {
      const current = new URL(callbackUrl(s.config));
      current.search = new URL(c.req.url).search;
      identity = await provider.exchange(current, { state: attempt.state, nonce: attempt.nonce, codeVerifier: attempt.code_verifier });
    } catch (err) {
      if (err instanceof ProConnectError) return fail(c, err.code, err.reason);
      throw err;
    }
    const address = clientAddress(c, s.config.TRUST_PROXY);
    const logoutUrl = await provider.endSessionUrl(identity.idTokenHint);
    const outcome = await s.db.tx(async (q) => {
      const found = await resolveAccount(q, identity);
      if (found.kind === "unknown") {
        const draftKey = randomToken();
        await saveRequestDraft(q, hashToken(draftKey), identity);
        return { ...found, draftKey };
      }
      if (found.kind !== "account") return found;
      const actor = { id: found.userId, email: found.email };
      if (found.linked) {
        await recordAudit(q, { kind: "auth.proconnect_linked", actor, target: { type: "user", id: found.userId }, details: { joined: found.joined.map((j) => j.spaceId) }, address });
      }
      await recordAudit(q, { kind: "auth.login", actor, details: { method: "proconnect" }, address });
      const { token } = await createSession(q, found.userId, { logoutUrl, via: "proconnect" });
      return { ...found, token };
    });
    switch (outcome.kind) {
      case "unverified":
        return fail(c, "unverified_email", `address ${identity.email} not verified by the provider`);
      case "inactive":
        return fail(c, "account_inactive", "account deactivated", { id: outcome.userId, email: outcome.email });
      case "unknown":
        cookie(c, REQUEST_COOKIE, outcome.draftKey, REQUEST_DRAFT_TTL_MINUTES);
        return c.redirect("/demande-acces", 302);
      case "account":
        for (const j of outcome.joined) await s.bus.accessChanged({ kind: "membership", userId: outcome.userId, spaceId: j.spaceId });
        setSessionCookie(c, s, outcome.token);
        return c.redirect(outcome.joined[0] ? `/espaces/${outcome.joined[0].spaceId}` : "/espaces", 302);
    }
  });

  /** The draft of "Demander l'accès" this browser holds since its ProConnect sign-in. */
  async function draftOf(c: Context<AppEnv>) {
    const key = getCookie(c, REQUEST_COOKIE);
    const draft = key ? await findRequestDraft(s.db, hashToken(key)) : null;
    if (!draft) throw new HttpError(410, "request_expired", NO_DRAFT);
    return draft;
  }

  app.get("/request", async (c) => {
    const d = await draftOf(c);
    return c.json<ProConnectRequestDraft>({
      email: d.email,
      firstName: d.first_name,
      lastName: d.last_name,
      organisation: d.organisation,
      siret: d.siret,
      submitted: d.submitted,
    });
  });

  app.post("/request", async (c) => {
    const draft = await draftOf(c);
    const body = await readJson(c, ProConnectRequestBody);
    const admins = await s.db.tx(async (q) => {
      if (!(await submitRequest(q, draft.id, body))) return [];
      await recordAudit(q, {
        kind: "auth.proconnect_request",
        details: { email: draft.email, organisation: body.organisation, siret: draft.siret },
        address: clientAddress(c, s.config.TRUST_PROXY),
      });
      return activeAdminEmails(q);
    });
    const content = proConnectRequestMail({
      requester: `${body.firstName} ${body.lastName}`,
      requesterEmail: draft.email,
      organisation: body.organisation,
      siret: draft.siret,
      message: body.message,
      link: appLink(s.config, "/administration/utilisateurs"),
    });
    for (const to of admins) await s.mailer.send({ to, ...content });
    return c.json({ message: "Votre demande a été transmise aux administrateurs d'Atelier. Vous recevrez un courriel lorsqu'elle aura été traitée." }, 202);
  });

  return app;
}
