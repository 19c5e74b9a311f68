/**
 * Erasure of a person's data at their request (RGPD): in one transaction the account becomes « Ancien
 * membre » — no name, organisation, e-mail, password, sessions, preferences, memberships —, while what
 * they wrote stays the committees' work, its author id now reading « Ancien membre ». Like the export
 * (my-data/export.queries.ts), it goes over every table that holds a person's identity; the audit journal
 * keeps its entries with the e-mail and name taken out, and one entry saying the erasure happened.
 */
import { throttleKeys } from "../auth/throttle.js";
import type { Services } from "../context.js";
import type { Queryable } from "../db/index.js";
import { conflict, notFound } from "../http/errors.js";
import { assertNotSolePilote, isUuid } from "../policy/index.js";
import type { Audit } from "./audit.js";
import { lockForAdminChange } from "./users.queries.js";

export const ERASED_FIRST_NAME = "Ancien";
export const ERASED_LAST_NAME = "membre";

interface Identity {
  email: string;
  first_name: string;
  last_name: string;
  organisation: string;
}

/** The person's own words in the audit details are replaced, whatever entry copied them. */
async function scrubAudit(q: Queryable, userId: string, who: Identity): Promise<void> {
  await q.query("UPDATE audit_log SET actor_email = NULL WHERE actor_id = $1 OR actor_email = $2", [userId, who.email]);
  const fullName = `${who.first_name} ${who.last_name}`.trim();
  const words = [who.email, fullName, who.organisation, who.first_name, who.last_name].filter((w) => w.trim().length > 1);
  for (const word of words) {
    // Replaced inside the JSON text as its JSON string form, so that quotes or backslashes in a name match.
    const inJson = JSON.stringify(word).slice(1, -1);
    await q.query(
      `UPDATE audit_log SET details = replace(details::text, $1, '[effacé]')::jsonb WHERE strpos(details::text, $1) > 0`,
      [inJson],
    );
  }
}

/**
 * Erases `userId`'s personal data; `actorId` is the administrator who does it (null for the retention task).
 * Refused (409) for oneself, the last active administrator, the only pilote of a committee, or twice.
 */
export async function eraseAccount(
  s: Pick<Services, "bus">,
  q: Queryable,
  userId: string,
  actorId: string | null,
  audit: Audit,
): Promise<void> {
  const locked = isUuid(userId) ? await lockForAdminChange(q, userId) : null;
  if (!locked?.user) throw notFound("Ce compte n'existe pas.");
  const [who] = await q.query<Identity & { erased_at: Date | null }>(
    "SELECT email, first_name, last_name, organisation, erased_at FROM users WHERE id = $1",
    [userId],
  );
  if (who!.erased_at) throw conflict("already_erased", "Les données de ce compte ont déjà été effacées.");
  if (userId === actorId) throw conflict("self_erasure", "Vous ne pouvez pas effacer votre propre compte : demandez-le à un autre administrateur.");
  if (locked.user.platform_role === "admin" && locked.user.active && locked.activeAdmins <= 1) {
    throw conflict("last_admin", "C'est le dernier administrateur actif : nommez-en un autre avant d'effacer ce compte.");
  }
  await assertNotSolePilote(q, userId);

  await scrubAudit(q, userId, who!);
  // Others' notifications name the person in their summary, and others' comments where they mention them
  // (the search index follows those comments' change).
  const fullName = `${who!.first_name} ${who!.last_name}`.trim();
  if (fullName) {
    await q.query("UPDATE notifications SET summary = replace(summary, $2, 'Ancien membre') WHERE actor_id = $1", [userId, fullName]);
    const threads = await q.query<{ thread_id: string }>(
      "UPDATE comments SET body = replace(body, '@' || $2, '@Ancien membre') WHERE $1 = ANY(mentions) RETURNING thread_id",
      [userId, fullName],
    );
    for (const threadId of new Set(threads.map((t) => t.thread_id))) await s.bus.emit(q, "commentThreadChanged", { threadId });
  }
  for (const table of ["sessions", "password_resets", "memberships", "access_requests", "notifications", "notification_preferences", "notification_digests", "proconnect_identities"]) {
    await q.query(`DELETE FROM ${table} WHERE user_id = $1`, [userId]);
  }
  await q.query("DELETE FROM invitations WHERE email = $1", [who!.email]);
  await q.query("DELETE FROM proconnect_requests WHERE email = $1", [who!.email]);
  const keys = throttleKeys(who!.email, "");
  await q.query("DELETE FROM login_throttle WHERE key = $1 OR left(key, length($2)) = $2", [keys.account, keys.pair]);
  // Unfinished uploads expire now: the uploads purge drops their stored parts, then their rows.
  await q.query("UPDATE upload_sessions SET expires_at = now() WHERE user_id = $1", [userId]);
  await q.query(
    `UPDATE users SET email = 'ancien-membre-' || id || '@efface.invalid', first_name = $2, last_name = $3, organisation = '',
            password_hash = NULL, platform_role = NULL, active = false, erased_at = now(), inactivity_warned_at = NULL
      WHERE id = $1`,
    [userId, ERASED_FIRST_NAME, ERASED_LAST_NAME],
  );
  await audit(q, { kind: "user.erased", target: { type: "user", id: userId } });
}
