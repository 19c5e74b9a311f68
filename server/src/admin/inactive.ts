/**
 * Retention of accounts: one unused for INACTIVE_ACCOUNT_YEARS has its personal data erased, as at the
 * person's request (erase.ts), after a warning mailed INACTIVE_WARNING_DAYS before. Signing in meanwhile
 * keeps the account (auth/sessions.ts starts the count again). Each step claims its rows in one statement,
 * so two instances never warn or erase twice.
 */
import { formatDate } from "@atelier/shared";
import { recordAudit } from "../audit/record.js";
import type { Services } from "../context.js";
import { HttpError } from "../http/errors.js";
import { appLink } from "../mail/links.js";
import { inactivityWarningMail } from "../mail/templates.js";
import type { MaintenanceTask } from "../maintenance.js";
import { log } from "../logging/logger.js";
import { eraseAccount } from "./erase.js";

/** `now` lets tests move years ahead. Returns how many accounts were warned and erased. */
export async function retireInactiveAccounts(s: Services, now: Date = new Date()): Promise<{ warned: number; erased: number }> {
  const { INACTIVE_ACCOUNT_YEARS: years, INACTIVE_WARNING_DAYS: days } = s.config;
  const warned = await s.db.query<{ email: string; first_name: string; time_zone: string; active: boolean; erase_on: Date }>(
    `UPDATE users SET inactivity_warned_at = $1
      WHERE erased_at IS NULL AND inactivity_warned_at IS NULL
        AND last_active_at < $1::timestamptz - make_interval(years => $2::int) + make_interval(days => $3::int)
      RETURNING email, first_name, time_zone, active,
                GREATEST(last_active_at + make_interval(years => $2::int), $1::timestamptz + make_interval(days => $3::int)) AS erase_on`,
    [now, years, days],
  );
  // A deactivated account could not sign in to keep itself: it is not written to.
  for (const w of warned.filter((w) => w.active)) {
    const mail = inactivityWarningMail({ firstName: w.first_name, years, erasedOn: formatDate(w.erase_on, w.time_zone), link: appLink(s.config, "/connexion") });
    await s.mailer.send({ to: w.email, ...mail }).catch((err: Error) => log.error({ err }, "avertissement d'inactivité non envoyé"));
  }
  const due = await s.db.query<{ id: string }>(
    `SELECT id FROM users
      WHERE erased_at IS NULL AND inactivity_warned_at <= $1::timestamptz - make_interval(days => $3::int)
        AND last_active_at < $1::timestamptz - make_interval(years => $2::int)`,
    [now, years, days],
  );
  let erased = 0;
  for (const { id } of due) {
    try {
      await s.db.tx((q) => eraseAccount(s, q, id, null, (tx, entry) => recordAudit(tx, { ...entry, details: { reason: "inactivity" } })));
      await s.bus.accessChanged({ kind: "user", userId: id });
      erased++;
    } catch (err) {
      // The last administrator or a committee's only pilote stays until someone takes over (409): said in the log.
      if (!(err instanceof HttpError)) throw err;
      log.warn({ userId: id, reason: err.code }, "compte inactif non effacé");
    }
  }
  return { warned: warned.length, erased };
}

export const inactiveAccountsRetention: MaintenanceTask = {
  name: "comptes inutilisés",
  everyMs: 6 * 3600 * 1000,
  run: (s) => retireInactiveAccounts(s),
};
