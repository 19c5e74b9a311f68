/**
 * What an actor may read, for queries over many rows (the bell, search): bound as a parameter and
 * filtered in SQL before any LIMIT or COUNT, so that no count, facet or suggestion reveals what
 * they may not read. The space rule is the one authorizeSpace applies ("space.read" of the shared
 * rules, archived spaces included); an empty array matches nothing. A trashed document is out of
 * sight of lists (documentOutOfTrashSql); search's own conditions are in search.ts.
 */
import { canInSpace } from "@atelier/shared";
import type { Queryable } from "../db/index.js";
import { reachableSpaces, type Actor, type SpaceWithStanding } from "./standing.js";

/** The spaces the actor may read, with their standing. */
export async function readableSpaces(q: Queryable, actor: Actor): Promise<SpaceWithStanding[]> {
  return (await reachableSpaces(q, actor)).filter((s) => canInSpace(s.standing, "space.read", s.space.archived_at !== null));
}

/** The ids of the spaces the actor may read, to bind as a `uuid[]` parameter. */
export const readableSpaceIds = async (q: Queryable, actor: Actor): Promise<string[]> =>
  (await readableSpaces(q, actor)).map((s) => s.space.id);

/** The document `idExpr` names exists and is out of the trash (what is said of a trashed one is out of sight). */
export const documentOutOfTrashSql = (idExpr: string) =>
  `EXISTS (SELECT 1 FROM documents d WHERE d.id = ${idExpr} AND d.trashed_at IS NULL)`;
