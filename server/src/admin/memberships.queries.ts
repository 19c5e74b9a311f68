/** Memberships as an admin writes them; shared by the membership routes, user creation and the import. */
import type { SpaceRole } from "@atelier/shared";
import type { Queryable } from "../db/index.js";

/** Adds or changes a membership; returns the role it had before (null when new). */
export async function upsertMembership(
  q: Queryable,
  userId: string,
  spaceId: string,
  role: SpaceRole,
): Promise<SpaceRole | null> {
  const [before] = await q.query<{ role: SpaceRole }>(
    "SELECT role FROM memberships WHERE user_id = $1 AND space_id = $2 FOR UPDATE",
    [userId, spaceId],
  );
  await q.query(
    `INSERT INTO memberships (user_id, space_id, role) VALUES ($1, $2, $3)
     ON CONFLICT (user_id, space_id) DO UPDATE SET role = EXCLUDED.role`,
    [userId, spaceId, role],
  );
  return before?.role ?? null;
}

/** Adds or changes many memberships in one statement (the import already knows the roles before). */
export async function upsertMemberships(
  q: Queryable,
  rows: { userId: string; spaceId: string; role: SpaceRole }[],
): Promise<void> {
  await q.query(
    `INSERT INTO memberships (user_id, space_id, role)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[])
     ON CONFLICT (user_id, space_id) DO UPDATE SET role = EXCLUDED.role`,
    [rows.map((r) => r.userId), rows.map((r) => r.spaceId), rows.map((r) => r.role)],
  );
}

/** Removes a membership; returns the role it had, null when there was none. */
export async function deleteMembership(q: Queryable, userId: string, spaceId: string): Promise<SpaceRole | null> {
  const [row] = await q.query<{ role: SpaceRole }>(
    "DELETE FROM memberships WHERE user_id = $1 AND space_id = $2 RETURNING role",
    [userId, spaceId],
  );
  return row?.role ?? null;
}
