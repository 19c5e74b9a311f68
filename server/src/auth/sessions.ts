/**
 * Sessions as the Lucia guide describes them: a token "id.secret", both random with 120 bits;
 * the database keeps the id and a SHA-256 of the secret, compared in constant time.
 * Sessions end after a period of inactivity; the last activity is written at most once an hour, on the
 * session and on the account (an account unused for years is erased, see admin/inactive.ts).
 */
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import type { PlatformRole, TimeZone } from "@atelier/shared";
import type { Queryable } from "../db/index.js";
import { SESSION_METHOD_ALLOWED_SQL, type SignInMethod } from "../policy/sign-in.js";
import { randomToken, sha256Bytes } from "./tokens.js";

export const SESSION_COOKIE = "atelier_session";
const ACTIVITY_CHECK_MS = 60 * 60 * 1000;

export interface SessionUser {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  organisation: string;
  platformRole: PlatformRole | null;
  timeZone: TimeZone;
}

export interface Session {
  id: string;
  userId: string;
  createdAt: Date;
  lastVerifiedAt: Date;
}

/** The account is in use: its inactivity count starts again, and a warning sent about it no longer holds. */
const markActive = (q: Queryable, userId: string, at: Date) =>
  q.query("UPDATE users SET last_active_at = $2, inactivity_warned_at = NULL WHERE id = $1", [userId, at]);

/** `logoutUrl`: where logging out sends the browser too (the identity provider's end of session). */
export async function createSession(
  q: Queryable,
  userId: string,
  opts: { logoutUrl?: string | null; via?: SignInMethod } = {},
): Promise<{ token: string; session: Session }> {
  const id = randomToken();
  const secret = randomToken();
  const now = new Date();
  await q.query(
    "INSERT INTO sessions (id, user_id, secret_hash, created_at, last_verified_at, logout_url, via) VALUES ($1, $2, $3, $4, $4, $5, $6)",
    [id, userId, sha256Bytes(secret), now, opts.logoutUrl ?? null, opts.via ?? "password"],
  );
  await markActive(q, userId, now);
  return { token: `${id}.${secret}`, session: { id, userId, createdAt: now, lastVerifiedAt: now } };
}

/** The user columns every query that builds a SessionUser selects. */
export const USER_COLUMNS = "u.id AS user_id, u.email, u.first_name, u.last_name, u.organisation, u.platform_role, u.time_zone";

export interface UserRow {
  user_id: string;
  email: string;
  first_name: string;
  last_name: string;
  organisation: string;
  platform_role: PlatformRole | null;
  time_zone: TimeZone;
}

export const toSessionUser = (row: UserRow): SessionUser => ({
  id: row.user_id,
  email: row.email,
  firstName: row.first_name,
  lastName: row.last_name,
  organisation: row.organisation,
  platformRole: row.platform_role,
  timeZone: row.time_zone,
});

interface SessionRow extends UserRow {
  id: string;
  secret_hash: Uint8Array;
  created_at: Date;
  last_verified_at: Date;
}

const idleTooLong = (lastVerifiedAt: Date, now: number, inactivityMs: number) => now - lastVerifiedAt.getTime() >= inactivityMs;

export async function validateSessionToken(
  q: Queryable,
  token: string,
  inactivityMs: number,
): Promise<{ session: Session; user: SessionUser } | null> {
  const [id, secret, ...rest] = token.split(".");
  if (!id || !secret || rest.length > 0 || id.length > 64 || secret.length > 64) return null;
  const [row] = await q.query<SessionRow>(
    `SELECT s.id, s.secret_hash, s.created_at, s.last_verified_at, ${USER_COLUMNS}
       FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.id = $1 AND u.active AND ${SESSION_METHOD_ALLOWED_SQL}`,
    [id],
  );
  if (!row) return null;
  if (!constantTimeEqual(sha256Bytes(secret), new Uint8Array(row.secret_hash))) return null;
  const now = Date.now();
  const last = new Date(row.last_verified_at);
  if (idleTooLong(last, now, inactivityMs)) {
    await q.query("DELETE FROM sessions WHERE id = $1", [id]);
    return null;
  }
  let verified = last;
  if (now - last.getTime() >= ACTIVITY_CHECK_MS) {
    verified = new Date(now);
    await q.query("UPDATE sessions SET last_verified_at = $2 WHERE id = $1", [id, verified]);
    await markActive(q, row.user_id, verified);
  }
  return {
    session: { id: row.id, userId: row.user_id, createdAt: new Date(row.created_at), lastVerifiedAt: verified },
    user: toSessionUser(row),
  };
}

/**
 * Of these tokens, the ones whose session still holds (not ended, account active, not idle past
 * `inactivityMs`), each with the moment it will end unless used meanwhile: one query for all the
 * connections that outlive a request. The tokens were validated in full when those connections
 * opened; here only whether their session lives on counts.
 */
export async function liveSessions(q: Queryable, tokens: string[], inactivityMs: number): Promise<Map<string, number>> {
  const idOf = (token: string) => token.split(".")[0]!;
  const rows = await q.query<{ id: string; last_verified_at: Date }>(
    `SELECT s.id, s.last_verified_at FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.id = ANY($1::text[]) AND u.active AND ${SESSION_METHOD_ALLOWED_SQL}`,
    [[...new Set(tokens.map(idOf))]],
  );
  const now = Date.now();
  const endsAt = new Map(
    rows
      .filter((r) => !idleTooLong(new Date(r.last_verified_at), now, inactivityMs))
      .map((r) => [r.id, new Date(r.last_verified_at).getTime() + inactivityMs]),
  );
  return new Map(tokens.filter((t) => endsAt.has(idOf(t))).map((t) => [t, endsAt.get(idOf(t))!]));
}

/** Ends one session; a session opened through an identity provider gives the address that ends the provider's too. */
export async function invalidateSession(q: Queryable, id: string): Promise<{ logoutUrl: string | null }> {
  const [row] = await q.query<{ logout_url: string | null }>("DELETE FROM sessions WHERE id = $1 RETURNING logout_url", [id]);
  return { logoutUrl: row?.logout_url ?? null };
}

/** Ends every session of a user at once (deactivation, password reset). */
export const invalidateUserSessions = (q: Queryable, userId: string) =>
  q.query("DELETE FROM sessions WHERE user_id = $1", [userId]);

/** Ends the sessions of this space's members that their sign-in method no longer allows; returns whose. */
export async function endRefusedSessions(q: Queryable, spaceId: string): Promise<string[]> {
  const rows = await q.query<{ user_id: string }>(
    `DELETE FROM sessions s USING users u
      WHERE u.id = s.user_id AND NOT ${SESSION_METHOD_ALLOWED_SQL}
        AND u.id IN (SELECT user_id FROM memberships WHERE space_id = $1)
      RETURNING s.user_id`,
    [spaceId],
  );
  return [...new Set(rows.map((r) => r.user_id))];
}
