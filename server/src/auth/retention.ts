/**
 * What sign-in leaves behind is kept no longer than it serves: sessions once idle past the inactivity
 * limit (they could not be used any more), password-reset links some days after they expired or were
 * used (a late click still reads "ce lien a expiré"), and the failed-login counters once forgotten.
 */
import type { Services } from "../context.js";
import type { MaintenanceTask } from "../maintenance.js";
import { FORGET_AFTER_MS } from "./throttle.js";

/** `now` lets tests move past the delays. */
export async function purgeSignInData(s: Pick<Services, "db" | "config">, now: Date = new Date()): Promise<void> {
  await s.db.query("DELETE FROM sessions WHERE last_verified_at <= $1::timestamptz - make_interval(secs => $2::double precision)", [
    now,
    s.config.SESSION_INACTIVITY_DAYS * 86_400,
  ]);
  await s.db.query("DELETE FROM password_resets WHERE LEAST(used_at, expires_at) < $1::timestamptz - make_interval(days => $2::int)", [
    now,
    s.config.EXPIRED_LINK_RETENTION_DAYS,
  ]);
  await s.db.query(
    `DELETE FROM login_throttle
      WHERE updated_at < $1::timestamptz - make_interval(secs => $2::double precision) AND (blocked_until IS NULL OR blocked_until < $1)`,
    [now, FORGET_AFTER_MS / 1000],
  );
}

export const signInRetention: MaintenanceTask = {
  name: "sessions et liens de connexion expirés",
  everyMs: 3600 * 1000,
  run: (s) => purgeSignInData(s),
};
