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
