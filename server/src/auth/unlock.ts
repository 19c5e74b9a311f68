/**
 * The owner's way out of an account blocked by others' failures: a one-time link by e-mail that
 * lifts the account's counters (GET, since it is opened from a mail; the token is single-use).
 */
import { Hono } from "hono";
import type { AppEnv, Services } from "../context.js";
import { appLink } from "../mail/links.js";
import { unlockMail } from "../mail/templates.js";
import { liftAccount, throttleKeys } from "./throttle.js";
import { hashToken, randomToken } from "./tokens.js";
import { log } from "../logging/logger.js";

/** Sends the owner of `email` (if the account exists and is active) a link that lifts the block. */
export async function sendUnlockLink(s: Services, email: string): Promise<void> {
  const [user] = await s.db.query<{ first_name: string }>("SELECT first_name FROM users WHERE email = $1 AND active", [email]);
  if (!user) return;
  const token = randomToken(32);
  await s.db.query("UPDATE login_throttle SET unlock_hash = $2, unlock_sent_at = now() WHERE key = $1", [
    throttleKeys(email, "").account,
    hashToken(token),
  ]);
  const link = appLink(s.config, "/api/auth/unlock", { jeton: token });
  s.mailer
    .send({ to: email, ...unlockMail({ firstName: user.first_name, link }) })
    .catch((err) => log.error({ err }, "[mail] courriel de déblocage non envoyé"));
}

export function unlockRoutes(s: Services) {
  const app = new Hono<AppEnv>();
  app.get("/unlock", async (c) => {
    const token = c.req.query("jeton") ?? "";
    const [row] = token
      ? await s.db.query<{ key: string }>(
          "SELECT key FROM login_throttle WHERE unlock_hash = $1 AND key LIKE 'account:%'",
          [hashToken(token)],
        )
      : [];
    // Single use: lifting deletes the row that holds the link's hash.
    if (row) await liftAccount(s.db, row.key.slice("account:".length));
    return c.redirect(appLink(s.config, "/connexion", { deverrouillage: row ? "ok" : "invalide" }));
  });
  return app;
}
