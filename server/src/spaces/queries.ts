import { allowedActions, canInSpace, type Member, type RelatedSpace, type SpaceDetail, type SpaceSummary } from "@atelier/shared";
import type { Queryable } from "../db/index.js";
import { neighbourSpaces, type Actor, type SpaceWithStanding } from "../policy/index.js";

export function toSummary({ space, standing }: SpaceWithStanding): SpaceSummary {
  return {
    id: space.id,
    slug: space.slug,
    name: space.name,
    level: space.level,
    parentId: space.parent_id,
    role: standing!,
    archived: space.archived_at !== null,
  };
}

const toRelated = ({ space, standing }: SpaceWithStanding): RelatedSpace => ({
  id: space.id,
  name: space.name,
  level: space.level,
  readable: canInSpace(standing, "space.read", space.archived_at !== null),
});

export async function toDetail(q: Queryable, actor: Actor, found: SpaceWithStanding): Promise<SpaceDetail> {
  const { space, standing } = found;
  const neighbours = await neighbourSpaces(q, actor, space);
  const parent = neighbours.find((n) => n.space.id === space.parent_id);
  return {
    ...toSummary(found),
    description: space.description,
    themes: space.themes,
    parent: parent ? toRelated(parent) : null,
    children: neighbours.filter((n) => n.space.parent_id === space.id).map(toRelated),
    can: allowedActions(standing, space.archived_at !== null),
  };
}

export async function listMembers(q: Queryable, spaceId: string): Promise<Member[]> {
  const rows = await q.query<{
    user_id: string;
    email: string;
    first_name: string;
    last_name: string;
    organisation: string;
    role: Member["role"];
  }>(
    `SELECT m.user_id, u.email, u.first_name, u.last_name, u.organisation, m.role
       FROM memberships m JOIN users u ON u.id = m.user_id
      WHERE m.space_id = $1 AND u.active
      ORDER BY array_position(ARRAY['pilote','membre','contributeur','lecteur'], m.role), u.last_name, u.first_name`,
    [spaceId],
  );
  return rows.map((r) => ({
    userId: r.user_id,
    email: r.email,
    firstName: r.first_name,
    lastName: r.last_name,
    organisation: r.organisation,
    role: r.role,
  }));
}
