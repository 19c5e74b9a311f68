/**
 * Login throttling with growing delays, kept in the database so it holds across instances.
 * - per (account, address) pair: who guesses one account from one place waits longer each time,
 *   while the owner signing in from elsewhere is not held back;
 * - per account, from anywhere: many addresses guessing one account; when it blocks, the owner
 *   is sent a one-time link that lifts it (auth/unlock.routes.ts);
 * - per address: loose, and short delays only, since a whole administration often shares one.
 */
import type { Db, Queryable } from "../db/index.js";
import { HttpError } from "../http/errors.js";

const RULES = {
  pair: { free: 5, baseSeconds: 30, maxSeconds: 15 * 60 },
  account: { free: 20, baseSeconds: 60, maxSeconds: 15 * 60 },
  address: { free: 100, baseSeconds: 5, maxSeconds: 60 },
  // "Mot de passe oublié": a few mails per address an hour, counted whether or not an account
  // exists (so the 429 reveals nothing); more per network address, shared by a whole office.
  resetEmail: { free: 3, baseSeconds: 60, maxSeconds: 15 * 60 },
  resetAddress: { free: 20, baseSeconds: 60, maxSeconds: 15 * 60 },
} as const;
/** Failures older than this are forgotten. */
export const FORGET_AFTER_MS = 60 * 60 * 1000;

export const throttleKeys = (email: string, address: string) => ({
  pair: `pair:${email}|${address}`,
  account: `account:${email}`,
  address: `address:${address}`,
});

/** Refuses with 429 while either counter is blocked, saying in French when to retry. */
export async function assertNotThrottled(db: Db, keys: string[], what = LOGIN_ATTEMPTS): Promise<void> {
  const rows = await db.query<{ blocked_until: Date | null }>(
    "SELECT blocked_until FROM login_throttle WHERE key = ANY($1) AND blocked_until > now()",
    [keys],
  );
  const until = Math.max(0, ...rows.map((r) => new Date(r.blocked_until!).getTime()));
  if (until > 0) throw tooManyAttempts(Math.ceil((until - Date.now()) / 1000), what);
}

const LOGIN_ATTEMPTS = "Trop de tentatives de connexion.";
export const RESET_REQUESTS = "Trop de demandes de réinitialisation pour cette adresse.";

export function tooManyAttempts(seconds: number, what = LOGIN_ATTEMPTS): HttpError {
  const wait = seconds < 90 ? `${seconds} secondes` : `${Math.ceil(seconds / 60)} minutes`;
  return new HttpError(
    429,
    "too_many_attempts",
    `${what} Réessayez dans ${wait}.`,
    { retryAfterSeconds: seconds },
    { "Retry-After": String(seconds) },
  );
}

/** Counts a failure; true when this one starts a block. */
export async function recordFailure(db: Db, key: string, kind: keyof typeof RULES): Promise<boolean> {
  const rule = RULES[kind];
  return db.tx(async (q) => {
    await q.query("INSERT INTO login_throttle (key) VALUES ($1) ON CONFLICT (key) DO NOTHING", [key]);
    const [row] = await q.query<{ failures: number; updated_at: Date }>(
      "SELECT failures, updated_at FROM login_throttle WHERE key = $1 FOR UPDATE",
      [key],
    );
    const stale = !row || Date.now() - new Date(row.updated_at).getTime() > FORGET_AFTER_MS;
    const failures = stale ? 1 : row.failures + 1;
    const over = failures - rule.free;
    const delay = over > 0 ? Math.min(rule.maxSeconds, rule.baseSeconds * 2 ** (over - 1)) : 0;
    await q.query(
      "UPDATE login_throttle SET failures = $2, updated_at = now(), blocked_until = $3 WHERE key = $1",
      [key, failures, delay > 0 ? new Date(Date.now() + delay * 1000) : null],
    );
    return over === 1;
  });
}

export const clearFailures = (db: Queryable, key: string) => db.query("DELETE FROM login_throttle WHERE key = $1", [key]);

/**
 * Whoever proved they hold the account's address (unlock link, password reset) may log in again at
 * once, from anywhere: the account's counter and all its (account, address) pairs go.
 */
export async function liftAccount(db: Queryable, email: string): Promise<void> {
  const keys = throttleKeys(email, "");
  await db.query("DELETE FROM login_throttle WHERE key = $1 OR key LIKE $2", [
    keys.account,
    `${keys.pair.replace(/[\\%_]/g, "\\$&")}%`,
  ]);
}
