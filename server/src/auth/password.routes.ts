/**
 * "Mot de passe oublié": a single-use link valid one hour is mailed to the address, if it has an
 * active account; the answer is the same either way. Following the link sets a new password and
 * ends every session of the account.
 */
import {
  ForgotPasswordBody,
  MailTokenSchema,
  RESET_TTL_HOURS,
  ResetPasswordBody,
  type ForgotPasswordReply,
  type ResetPasswordReply,
} from "@atelier/shared";
import { Hono } from "hono";
import { recordAudit } from "../audit/record.js";
import type { AppEnv, Services } from "../context.js";
import { clientAddress } from "../http/client-address.js";
import { badRequest } from "../http/errors.js";
import { readJson } from "../http/validate.js";
import { appLink } from "../mail/links.js";
import type { Mail } from "../mail/mailer.js";
import { passwordResetMail } from "../mail/templates.js";
import { hashPassword } from "./passwords.js";
import { invalidateUserSessions } from "./sessions.js";
import { assertNotThrottled, liftAccount, recordFailure, RESET_REQUESTS } from "./throttle.js";
import { hashToken, randomToken } from "./tokens.js";
import { log } from "../logging/logger.js";

const SENT =
  "Si un compte Atelier correspond à cette adresse, un courriel vient d'y être envoyé avec un lien pour choisir un nouveau mot de passe. Ce lien est valable 1 heure.";
const INVALID = "Ce lien de réinitialisation n'est pas valide. Vérifiez qu'il est complet, ou demandez-en un nouveau.";

export function passwordRoutes(s: Services) {
  const app = new Hono<AppEnv>();

  app.post("/forgot", async (c) => {
    const { email } = await readJson(c, ForgotPasswordBody);
    const keys = { email: `reset:${email}`, address: `reset-address:${clientAddress(c, s.config.TRUST_PROXY)}` };
    await assertNotThrottled(s.db, [keys.email, keys.address], RESET_REQUESTS);
    await recordFailure(s.db, keys.email, "resetEmail");
    await recordFailure(s.db, keys.address, "resetAddress");

    const mail = await s.db.tx(async (q): Promise<Mail | null> => {
      const [user] = await q.query<{ id: string; first_name: string }>(
        "SELECT id, first_name FROM users WHERE email = $1 AND active",
        [email],
      );
      if (!user) return null;
      const token = randomToken(32);
      await q.query(
        `INSERT INTO password_resets (token_hash, user_id, expires_at)
         VALUES ($1, $2, now() + make_interval(hours => $3))`,
        [hashToken(token), user.id, RESET_TTL_HOURS],
      );
      const link = appLink(s.config, "/reinitialiser-mot-de-passe", { jeton: token });
      return { to: email, ...passwordResetMail({ firstName: user.first_name, link }) };
    });
    // Sent without being awaited: an SMTP exchange would otherwise make the answer slower
    // for existing accounts, and tell them apart.
    if (mail) s.mailer.send(mail).catch((err) => log.error({ err }, "[mail] courriel de réinitialisation non envoyé"));
    return c.json<ForgotPasswordReply>({ message: SENT }, 202);
  });

  app.post("/reset", async (c) => {
    const { token, password } = await readJson(c, ResetPasswordBody);
    if (!MailTokenSchema.safeParse(token).success) throw badRequest("invalid_token", INVALID);
    const passwordHash = await hashPassword(password);
    const userId = await s.db.tx(async (q) => {
      const [row] = await q.query<{ user_id: string; email: string; used: boolean; expired: boolean }>(
        `SELECT r.user_id, u.email, r.used_at IS NOT NULL AS used, r.expires_at <= now() AS expired
           FROM password_resets r JOIN users u ON u.id = r.user_id
          WHERE r.token_hash = $1 AND u.active
          FOR UPDATE OF r`,
        [hashToken(token)],
      );
      if (!row) throw badRequest("invalid_token", INVALID);
      if (row.used) throw badRequest("token_used", "Ce lien a déjà servi. Demandez un nouveau lien depuis « Mot de passe oublié ».");
      if (row.expired) {
        throw badRequest("token_expired", "Ce lien a expiré (il est valable 1 heure). Demandez-en un nouveau depuis « Mot de passe oublié ».");
      }
      await q.query("UPDATE users SET password_hash = $2 WHERE id = $1", [row.user_id, passwordHash]);
      // Every link of the account dies with this one, and every session opened with the old password ends.
      await q.query("UPDATE password_resets SET used_at = now() WHERE user_id = $1 AND used_at IS NULL", [row.user_id]);
      await invalidateUserSessions(q, row.user_id);
      await liftAccount(q, row.email);
      await recordAudit(q, {
        kind: "auth.password_reset",
        actor: { id: row.user_id, email: row.email },
        address: clientAddress(c, s.config.TRUST_PROXY),
      });
      return row.user_id;
    });
    await s.bus.accessChanged({ kind: "user", userId });
    return c.json<ResetPasswordReply>({
      message: "Votre mot de passe est changé. Connectez-vous avec votre nouveau mot de passe.",
    });
  });

  return app;
}
