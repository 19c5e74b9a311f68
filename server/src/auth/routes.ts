import { LoginBody } from "@atelier/shared";
import { Hono } from "hono";
import { recordAudit } from "../audit/record.js";
import type { AppEnv, Services } from "../context.js";
import { clientAddress } from "../http/client-address.js";
import { HttpError, unauthorized } from "../http/errors.js";
import { readJson } from "../http/validate.js";
import { clearSessionCookie, setSessionCookie } from "./middleware.js";
import { passwordRoutes } from "./password.routes.js";
import { verifyPassword } from "./passwords.js";
import { createSession, invalidateSession, toSessionUser, USER_COLUMNS, type UserRow } from "./sessions.js";
import { assertNotThrottled, clearFailures, recordFailure, throttleKeys } from "./throttle.js";

const BAD_CREDENTIALS = "Adresse électronique ou mot de passe incorrect.";

export function authRoutes(s: Services) {
  const app = new Hono<AppEnv>();

  app.post("/login", async (c) => {
    const { email, password } = await readJson(c, LoginBody);
    const address = clientAddress(c, s.config.TRUST_PROXY);
    const keys = throttleKeys(email, address);
    await assertNotThrottled(s.db, [keys.account, keys.address]);
    const [user] = await s.db.query<UserRow & { password_hash: string | null; active: boolean }>(
      `SELECT ${USER_COLUMNS}, u.password_hash, u.active FROM users u WHERE u.email = $1`,
      [email],
    );
    // The same work and the same answer whether the account exists or not.
    const ok = await verifyPassword(user?.password_hash ?? null, password);
    if (!user || !ok || !user.active) {
      await recordFailure(s.db, keys.account, "account");
      await recordFailure(s.db, keys.address, "address");
      await recordAudit(s.db, {
        kind: "auth.login_failed",
        actor: user ? { id: user.user_id, email: user.email } : null,
        details: { email },
        address,
      });
      throw new HttpError(401, "invalid_credentials", BAD_CREDENTIALS);
    }
    await clearFailures(s.db, keys.account);
    const { token } = await s.db.tx(async (q) => {
      await recordAudit(q, { kind: "auth.login", actor: { id: user.user_id, email: user.email }, address });
      return createSession(q, user.user_id);
    });
    setSessionCookie(c, s, token);
    return c.json({ user: toSessionUser(user) });
  });

  app.route("/password", passwordRoutes(s));

  app.post("/logout", async (c) => {
    const session = c.get("session");
    if (session) {
      await invalidateSession(s.db, session.id);
      // Its open sockets are closed before the answer: nothing typed after the logout is stored.
      await s.bus.accessChanged({ kind: "session", userId: session.userId });
    }
    clearSessionCookie(c);
    return c.body(null, 204);
  });

  return app;
}

export function meRoutes() {
  const app = new Hono<AppEnv>();
  app.get("/", (c) => {
    const user = c.get("user");
    if (!user) throw unauthorized();
    return c.json({ user });
  });
  return app;
}
