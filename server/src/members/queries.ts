/** Memberships as a space's managers, invitations and access requests write them. */
import type { Member, SpaceRole } from "@atelier/shared";
import type { Queryable } from "../db/index.js";

/** Adds a membership unless the person already has one there (their role is kept); true when added. */
export async function grantMembership(q: Queryable, userId: string, spaceId: string, role: SpaceRole): Promise<boolean> {
  const added = await q.query(
    `INSERT INTO memberships (user_id, space_id, role) VALUES ($1, $2, $3)
     ON CONFLICT (user_id, space_id) DO NOTHING RETURNING user_id`,
    [userId, spaceId, role],
  );
  return added.length > 0;
}

/**
 * Locks the space's memberships (so that two managers acting at once cannot leave it without a
 * pilote) and returns the person's role there, whether their account is active, and how many active pilotes the space has.
 */
export async function lockMemberships(
  q: Queryable,
  spaceId: string,
  userId: string,
): Promise<{ role: SpaceRole | null; active: boolean; pilotes: number }> {
  const rows = await q.query<{ user_id: string; role: SpaceRole; active: boolean }>(
    `SELECT m.user_id, m.role, u.active FROM memberships m JOIN users u ON u.id = m.user_id
      WHERE m.space_id = $1 ORDER BY m.user_id FOR UPDATE OF m`,
    [spaceId],
  );
  const target = rows.find((r) => r.user_id === userId);
  return {
    role: target?.role ?? null,
    active: target?.active ?? false,
    // A deactivated pilote manages nothing: only active ones count.
    pilotes: rows.filter((r) => r.role === "pilote" && r.active).length,
  };
}

export async function getMember(q: Queryable, spaceId: string, userId: string): Promise<Member | null> {
  const [r] = await q.query<{
    user_id: string;
    email: string;
    first_name: string;
    last_name: string;
    organisation: string;
    role: SpaceRole;
  }>(
    `SELECT m.user_id, u.email, u.first_name, u.last_name, u.organisation, m.role
       FROM memberships m JOIN users u ON u.id = m.user_id
      WHERE m.space_id = $1 AND m.user_id = $2`,
    [spaceId, userId],
  );
  return r
    ? { userId: r.user_id, email: r.email, firstName: r.first_name, lastName: r.last_name, organisation: r.organisation, role: r.role }
    : null;
}
