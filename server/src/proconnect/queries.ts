import type { Queryable } from "../db/index.js";
import { acceptAllFor } from "../invitations/queries.js";
import type { ProConnectIdentity } from "./provider.js";

/** How long a browser may take between leaving for ProConnect and coming back. */
export const ATTEMPT_TTL_MINUTES = 10;
/** How long the "Demander l'accès" form stays fillable after the sign-in. */
export const REQUEST_DRAFT_TTL_MINUTES = 60;

export interface Attempt {
  state: string;
  nonce: string;
  code_verifier: string;
}

export async function saveAttempt(q: Queryable, keyHash: string, a: Attempt) {
  // Attempts never finished (the person closed the tab) go as new ones come.
  await q.query("DELETE FROM proconnect_attempts WHERE created_at < now() - make_interval(mins => $1)", [ATTEMPT_TTL_MINUTES]);
  await q.query("INSERT INTO proconnect_attempts (key_hash, state, nonce, code_verifier) VALUES ($1, $2, $3, $4)", [
    keyHash,
    a.state,
    a.nonce,
    a.code_verifier,
  ]);
}

/** The attempt this browser started, consumed: a second return with the same cookie finds nothing. */
export async function takeAttempt(q: Queryable, keyHash: string): Promise<Attempt | null> {
  const [row] = await q.query<Attempt>(
    `DELETE FROM proconnect_attempts WHERE key_hash = $1
     RETURNING state, nonce, code_verifier, created_at > now() - make_interval(mins => ${ATTEMPT_TTL_MINUTES}) AS fresh`,
    [keyHash],
  );
  return row && (row as Attempt & { fresh: boolean }).fresh ? row : null;
}

export type Resolution =
  | { kind: "account"; userId: string; email: string; linked: boolean; joined: { spaceId: string }[] }
  | { kind: "inactive"; userId: string; email: string }
  | { kind: "unverified" }
  | { kind: "unknown" };

/**
 * Which account this ProConnect identity is: the one already linked to it; else, when the provider
 * vouches for the address, the account with that address (linked now), or a new account for a person
 * invited at that address (their invitations accepted). Anyone else is unknown: no account is made.
 */
export async function resolveAccount(q: Queryable, id: ProConnectIdentity): Promise<Resolution> {
  const [known] = await q.query<{ id: string; email: string; active: boolean }>(
    "SELECT u.id, u.email, u.active FROM proconnect_identities p JOIN users u ON u.id = p.user_id WHERE p.sub = $1",
    [id.sub],
  );
  if (known) {
    if (!known.active) return { kind: "inactive", userId: known.id, email: known.email };
    return { kind: "account", userId: known.id, email: known.email, linked: false, joined: [] };
  }
  if (!id.emailVerified) return { kind: "unverified" };
  // One sign-in at a time per address, as invitations are accepted: the account is made once.
  await q.query("SELECT pg_advisory_xact_lock(727002, hashtext($1))", [id.email]);
  let [account] = await q.query<{ id: string; active: boolean }>("SELECT id, active FROM users WHERE email = $1", [id.email]);
  if (account && !account.active) return { kind: "inactive", userId: account.id, email: id.email };
  if (!account) {
    const [invitation] = await q.query<{ organisation: string }>(
      `SELECT organisation FROM invitations
        WHERE email = $1 AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > now()
        ORDER BY created_at LIMIT 1`,
      [id.email],
    );
    if (!invitation) return { kind: "unknown" };
    [account] = await q.query<{ id: string; active: boolean }>(
      "INSERT INTO users (id, email, first_name, last_name, organisation) VALUES ($1, $2, $3, $4, $5) RETURNING id, active",
      [crypto.randomUUID(), id.email, id.givenName, id.usualName, invitation.organisation],
    );
  }
  await q.query("INSERT INTO proconnect_identities (sub, user_id) VALUES ($1, $2)", [id.sub, account!.id]);
  const joined = await acceptAllFor(q, id.email, account!.id);
  return { kind: "account", userId: account!.id, email: id.email, linked: true, joined };
}

export async function saveRequestDraft(q: Queryable, keyHash: string, id: ProConnectIdentity) {
  await q.query(
    "DELETE FROM proconnect_requests WHERE submitted_at IS NULL AND created_at < now() - make_interval(mins => $1)",
    [REQUEST_DRAFT_TTL_MINUTES],
  );
  await q.query(
    `INSERT INTO proconnect_requests (id, key_hash, sub, email, first_name, last_name, siret, organisation)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [crypto.randomUUID(), keyHash, id.sub, id.email, id.givenName, id.usualName, id.siret, id.siret ? `SIRET ${id.siret}` : ""],
  );
}

export interface RequestDraftRow {
  id: string;
  email: string;
  first_name: string;
  last_name: string;
  organisation: string;
  siret: string;
  submitted: boolean;
}

export async function findRequestDraft(q: Queryable, keyHash: string): Promise<RequestDraftRow | null> {
  const [row] = await q.query<RequestDraftRow>(
    `SELECT id, email, first_name, last_name, organisation, siret, submitted_at IS NOT NULL AS submitted
       FROM proconnect_requests
      WHERE key_hash = $1 AND created_at > now() - make_interval(mins => $2)`,
    [keyHash, REQUEST_DRAFT_TTL_MINUTES],
  );
  return row ?? null;
}

/** Sends the draft once; false when it was already sent. */
export async function submitRequest(
  q: Queryable,
  id: string,
  body: { firstName: string; lastName: string; organisation: string; message: string },
): Promise<boolean> {
  const rows = await q.query(
    `UPDATE proconnect_requests SET first_name = $2, last_name = $3, organisation = $4, message = $5, submitted_at = now()
      WHERE id = $1 AND submitted_at IS NULL RETURNING id`,
    [id, body.firstName, body.lastName, body.organisation, body.message],
  );
  return rows.length > 0;
}

export const activeAdminEmails = async (q: Queryable) =>
  (await q.query<{ email: string }>("SELECT email FROM users WHERE platform_role = 'admin' AND active ORDER BY email")).map(
    (r) => r.email,
  );
