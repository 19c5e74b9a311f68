/**
 * How a person may sign in: a committee may require ProConnect of its members (its pilotes and
 * administrators set it). A password session of such a member is then refused, at the login and on
 * every request and socket after it; platform administrators are exempt, so that a provider's outage
 * never locks the platform's own administration out (they manage the setting through admin routes).
 */
import type { Queryable } from "../db/index.js";
import { HttpError } from "../http/errors.js";

export type SignInMethod = "password" | "proconnect";

/** SQL, over `users u`: this account must sign in with ProConnect. */
export const PROCONNECT_REQUIRED_SQL = `(u.platform_role IS DISTINCT FROM 'admin' AND EXISTS (
  SELECT 1 FROM memberships rm JOIN spaces rs ON rs.id = rm.space_id
   WHERE rm.user_id = u.id AND rs.proconnect_required AND rs.archived_at IS NULL))`;

/** SQL, over `sessions s JOIN users u`: the session may be used. */
export const SESSION_METHOD_ALLOWED_SQL = `(s.via = 'proconnect' OR NOT ${PROCONNECT_REQUIRED_SQL})`;

/** The committees that require ProConnect of this account (none for an administrator). */
export async function committeesRequiringProConnect(q: Queryable, userId: string): Promise<string[]> {
  const rows = await q.query<{ name: string }>(
    `SELECT s.name FROM memberships m JOIN spaces s ON s.id = m.space_id JOIN users u ON u.id = m.user_id
      WHERE m.user_id = $1 AND s.proconnect_required AND s.archived_at IS NULL AND u.platform_role IS DISTINCT FROM 'admin'
      ORDER BY s.name`,
    [userId],
  );
  return rows.map((r) => r.name);
}

/** The refusal (403 `proconnect_required`) of a sign-in that a committee of this account forbids, or null. */
export async function signInRefusal(q: Queryable, userId: string, method: SignInMethod): Promise<HttpError | null> {
  if (method === "proconnect") return null;
  const committees = await committeesRequiringProConnect(q, userId);
  return committees.length ? proConnectRequired(committees) : null;
}

export function proConnectRequired(committees: string[]): HttpError {
  const who = committees.length > 1 ? `Les comités ${committees.join(", ")} demandent à leurs` : `Le comité ${committees[0]} demande à ses`;
  return new HttpError(403, "proconnect_required", `${who} membres de se connecter avec ProConnect : utilisez le bouton « S'identifier avec ProConnect ».`);
}
