import { LoginBody, TimeZoneBody, type LogoutReply } from "@atelier/shared";
import { Hono } from "hono";
import { recordAudit } from "../audit/record.js";
import type { AppEnv, Services } from "../context.js";
import { clientAddress } from "../http/client-address.js";
import { HttpError, unauthorized } from "../http/errors.js";
import { readJson } from "../http/validate.js";
import { requireActor, signInRefusal } from "../policy/index.js";
import { clearSessionCookie, setSessionCookie } from "./middleware.js";
import { passwordRoutes } from "./password.routes.js";
import { verifyPassword } from "./passwords.js";
import { createSession, invalidateSession, toSessionUser, USER_COLUMNS, type UserRow } from "./sessions.js";
import { sendUnlockLink, unlockRoutes } from "./unlock.js";
import { assertNotThrottled, clearFailures, recordFailure, throttleKeys } from "./throttle.js";
import { loginFailures } from "../metrics/registry.js";

const BAD_CREDENTIALS = "Adresse électronique ou mot de passe incorrect.";
const ACCOUNT_BLOCKED =
  "Trop de tentatives de connexion sur ce compte. Sa ou son titulaire a reçu par courriel un lien pour se reconnecter tout de suite.";

export function authRoutes(s: Services) {
  const app = new Hono<AppEnv>();

  app.post("/login", async (c) => {
    const { email, password } = await readJson(c, LoginBody);
    const address = clientAddress(c, s.config.TRUST_PROXY);
    const keys = throttleKeys(email, address);
    await assertNotThrottled(s.db, [keys.pair, keys.address]);
    await assertNotThrottled(s.db, [keys.account], ACCOUNT_BLOCKED);
    const [user] = await s.db.query<UserRow & { password_hash: string | null; active: boolean }>(
      `SELECT ${USER_COLUMNS}, u.password_hash, u.active FROM users u WHERE u.email = $1`,
      [email],
    );
    // The same work and the same answer whether the account exists or not.
    const ok = await verifyPassword(user?.password_hash ?? null, password);
    if (!user || !ok || !user.active) {
      await recordFailure(s.db, keys.pair, "pair");
      if (await recordFailure(s.db, keys.account, "account")) await sendUnlockLink(s, email);
      await recordFailure(s.db, keys.address, "address");
      await recordAudit(s.db, {
        kind: "auth.login_failed",
        actor: user ? { id: user.user_id, email: user.email } : null,
        details: { email },
        address,
      });
      loginFailures.inc();
      throw new HttpError(401, "invalid_credentials", BAD_CREDENTIALS);
    }
    await clearFailures(s.db, keys.pair);
    await clearFailures(s.db, keys.account);
    // Told only once the password is right: a guesser learns nothing of the account's committees.
    const refusal = await signInRefusal(s.db, user.user_id, "password");
    if (refusal) {
      await recordAudit(s.db, { kind: "auth.login_refused", actor: { id: user.user_id, email: user.email }, details: { reason: refusal.code }, address });
      throw refusal;
    }
    const { token } = await s.db.tx(async (q) => {
      await recordAudit(q, { kind: "auth.login", actor: { id: user.user_id, email: user.email }, address });
      return createSession(q, user.user_id);
    });
    setSessionCookie(c, s, token);
    return c.json({ user: toSessionUser(user) });
  });

  app.route("/password", passwordRoutes(s));
  app.route("/", unlockRoutes(s));

  app.post("/logout", async (c) => {
    const session = c.get("session");
    let logoutUrl: string | null = null;
    if (session) {
      ({ logoutUrl } = await invalidateSession(s.db, session.id));
      // Its open sockets are closed before the answer: nothing typed after the logout is stored.
      await s.bus.accessChanged({ kind: "session", userId: session.userId });
    }
    clearSessionCookie(c);
    // Signed in through ProConnect: the browser goes on to end that session as well.
    return logoutUrl ? c.json<LogoutReply>({ logoutUrl }) : c.body(null, 204);
  });

  return app;
}

export function meRoutes(s: Services) {
  const app = new Hono<AppEnv>();
  app.get("/", (c) => {
    const user = c.get("user");
    if (!user) throw unauthorized();
    return c.json({ user });
  });

  // One's own account only: no other fact to ask the policy than being signed in.
  app.put("/time-zone", async (c) => {
    const { id } = requireActor(c.get("user"));
    const { timeZone } = await readJson(c, TimeZoneBody);
    const [user] = await s.db.query<UserRow>(
      `UPDATE users u SET time_zone = $2 WHERE u.id = $1 RETURNING ${USER_COLUMNS}`,
      [id, timeZone],
    );
    return c.json({ user: toSessionUser(user!) });
  });
  return app;
}
