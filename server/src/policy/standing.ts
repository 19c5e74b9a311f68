/**
 * The facts the shared rules need, read from the database: what a person is in a space,
 * directly, through the national team, or through a neighbouring COPIL.
 */
import { standingIn, type PlatformRole, type SpaceLevel, type SpaceRole, type Standing } from "@atelier/shared";
import type { Queryable } from "../db/index.js";

export interface Actor {
  id: string;
  platformRole: PlatformRole | null;
}

export interface SpaceRow {
  id: string;
  slug: string;
  name: string;
  level: SpaceLevel;
  parent_id: string | null;
  description: string;
  themes: string[];
  archived_at: Date | null;
}

export interface SpaceWithStanding {
  space: SpaceRow;
  standing: Standing | null;
}

// One expression for "a membership of the actor in this space or in a neighbour that reads it":
// a territorial COPIL reads its regional ones, a regional COPIL reads its territorial one.
const FACTS_SQL = `
  SELECT s.id, s.slug, s.name, s.level, s.parent_id, s.description, s.themes, s.archived_at,
         (SELECT m.role FROM memberships m WHERE m.user_id = $1 AND m.space_id = s.id) AS own_role,
         EXISTS (
           SELECT 1 FROM memberships m JOIN spaces n ON n.id = m.space_id
            WHERE m.user_id = $1
              AND ((s.level = 'regional' AND n.level = 'territorial' AND n.id = s.parent_id)
                OR (s.level = 'territorial' AND n.level = 'regional' AND n.parent_id = s.id))
         ) AS neighbour_member
    FROM spaces s`;

type FactsRow = SpaceRow & { own_role: SpaceRole | null; neighbour_member: boolean };

function toStanding(actor: Actor, row: FactsRow): SpaceWithStanding {
  const { own_role, neighbour_member, ...space } = row;
  return {
    space,
    standing: standingIn(actor.platformRole, {
      level: space.level,
      archived: space.archived_at !== null,
      ownRole: own_role,
      neighbourMember: neighbour_member,
    }),
  };
}

/** The space and what the actor is in it; null when no such space exists. */
export async function standingInSpace(q: Queryable, actor: Actor, spaceId: string): Promise<SpaceWithStanding | null> {
  if (!isUuid(spaceId)) return null;
  const [row] = await q.query<FactsRow>(`${FACTS_SQL} WHERE s.id = $2`, [actor.id, spaceId]);
  return row ? toStanding(actor, row) : null;
}

/** Every space the actor reaches, in the programme's order. */
export async function reachableSpaces(q: Queryable, actor: Actor): Promise<SpaceWithStanding[]> {
  const rows = await q.query<FactsRow>(`${FACTS_SQL} ORDER BY s.level = 'national' DESC, s.name`, [actor.id]);
  return rows.map((r) => toStanding(actor, r)).filter((s) => s.standing !== null);
}

/** The space's parent and children, each with what the actor is there (null: out of reach). */
export async function neighbourSpaces(q: Queryable, actor: Actor, space: SpaceRow): Promise<SpaceWithStanding[]> {
  const rows = await q.query<FactsRow>(`${FACTS_SQL} WHERE s.id = $2 OR s.parent_id = $3 ORDER BY s.name`, [
    actor.id,
    space.parent_id,
    space.id,
  ]);
  return rows.map((r) => toStanding(actor, r));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (v: string) => UUID.test(v);
