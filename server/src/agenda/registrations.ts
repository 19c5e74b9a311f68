/**
 * Registrations to a public event. A registration counts once its address is confirmed; places go
 * in the order of confirmation, the rest wait in line, and a cancellation gives its place to the
 * first one waiting. A registrant's links carry one token, stored hashed.
 */
import type { RegistrationForm } from "@atelier/shared";
import { hashToken, randomToken } from "../auth/tokens.js";
import type { Queryable } from "../db/index.js";

export interface RegistrationRow {
  id: string;
  event_id: string;
  name: string;
  organisation: string;
  actor_group: string;
  email: string;
  confirmed_at: Date | null;
  cancelled_at: Date | null;
}

/** Where a confirmed registrant stands: a place, or a rank in the waiting line. */
export type Standing = { place: true } | { place: false; waiting: number };

/**
 * Records a registration, or renews an unconfirmed one of the same address (its details and token).
 * A confirmed one is not changed by a form anyone may fill with that address: only its token is
 * renewed, for the links mailed to the address again. Returns the token for the links.
 */
export async function register(q: Queryable, eventId: string, f: RegistrationForm): Promise<{ id: string; token: string; confirmed: boolean }> {
  const token = randomToken();
  const [renewed] = await q.query<{ id: string }>(
    `UPDATE agenda_registrations SET token_hash = $3, name = $4, organisation = $5, actor_group = $6
      WHERE event_id = $1 AND email = $2 AND cancelled_at IS NULL AND confirmed_at IS NULL RETURNING id`,
    [eventId, f.email, hashToken(token), f.nom, f.organisation, f.groupe],
  );
  if (renewed) return { id: renewed.id, token, confirmed: false };
  const [confirmed] = await q.query<{ id: string }>(
    `UPDATE agenda_registrations SET token_hash = $3
      WHERE event_id = $1 AND email = $2 AND cancelled_at IS NULL AND confirmed_at IS NOT NULL RETURNING id`,
    [eventId, f.email, hashToken(token)],
  );
  if (confirmed) return { id: confirmed.id, token, confirmed: true };
  const [inserted] = await q.query<{ id: string }>(
    `INSERT INTO agenda_registrations (id, event_id, name, organisation, actor_group, email, token_hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING id`,
    [crypto.randomUUID(), eventId, f.nom, f.organisation, f.groupe, f.email, hashToken(token)],
  );
  // The same address sent at the same instant: the other request's row is there now.
  return inserted ? { id: inserted.id, token, confirmed: false } : register(q, eventId, f);
}

export async function byToken(q: Queryable, token: string): Promise<RegistrationRow | undefined> {
  const [row] = await q.query<RegistrationRow>("SELECT * FROM agenda_registrations WHERE token_hash = $1", [hashToken(token)]);
  return row;
}

/** The confirmed, uncancelled registrations of an event, in the order places go. */
export const confirmedRegistrations = (q: Queryable, eventId: string) =>
  q.query<RegistrationRow>(
    `SELECT * FROM agenda_registrations WHERE event_id = $1 AND confirmed_at IS NOT NULL AND cancelled_at IS NULL
      ORDER BY confirmed_at, id`,
    [eventId],
  );

export function standingOf(line: RegistrationRow[], id: string, capacity: number | null): Standing {
  const rank = line.findIndex((r) => r.id === id) + 1;
  return capacity === null || rank <= capacity ? { place: true } : { place: false, waiting: rank - capacity };
}

export async function confirm(q: Queryable, id: string): Promise<void> {
  await q.query("UPDATE agenda_registrations SET confirmed_at = now() WHERE id = $1 AND confirmed_at IS NULL AND cancelled_at IS NULL", [id]);
}

/** Cancels; returns who, among those waiting, now has the place it freed. */
export async function cancelRegistration(q: Queryable, r: RegistrationRow, capacity: number | null): Promise<RegistrationRow | null> {
  const before = await confirmedRegistrations(q, r.event_id);
  await q.query("UPDATE agenda_registrations SET cancelled_at = now() WHERE id = $1 AND cancelled_at IS NULL", [r.id]);
  if (capacity === null || r.confirmed_at === null) return null;
  const heldPlace = standingOf(before, r.id, capacity).place;
  return heldPlace ? (before[capacity] ?? null) : null;
}

/** A new token for a registrant's links (the old ones stop working), when a mail must carry them again. */
export async function renewToken(q: Queryable, id: string): Promise<string> {
  const token = randomToken();
  await q.query("UPDATE agenda_registrations SET token_hash = $2 WHERE id = $1", [id, hashToken(token)]);
  return token;
}
