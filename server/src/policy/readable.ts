/**
 * What an actor may read, for queries over many rows (lists, the bell, search): filtering in SQL,
 * before any LIMIT or COUNT, so that no count, facet or suggestion reveals what they may not read.
 *
 * Usage: bind `await readableSpaceIds(q, actor)` to a parameter, and put the condition for the
 * rows' kind in the WHERE clause with that parameter:
 *
 *   const spaces = await readableSpaceIds(q, actor);
 *   q.query(`SELECT count(*) FROM documents d WHERE ${readableDocumentSql("d", "$1")} AND …`, [spaces, …]);
 *
 * - documents: in a space the actor reads, and not in the trash (a trashed document is reached only
 *   through its own routes, by those who may restore it);
 * - files: in a space the actor reads, and not in the recycle bin (same);
 * - comments: readable with their document (join it and use the documents' condition).
 * The space rule is the one authorizeSpace applies ("space.read" of the shared rules, archived
 * spaces included); an empty array matches nothing.
 */
import { canInSpace } from "@atelier/shared";
import type { Queryable } from "../db/index.js";
import { reachableSpaces, type Actor } from "./standing.js";

/** The ids of the spaces the actor may read, to bind as a `uuid[]` parameter. */
export async function readableSpaceIds(q: Queryable, actor: Actor): Promise<string[]> {
  return (await reachableSpaces(q, actor))
    .filter((s) => canInSpace(s.standing, "space.read", s.space.archived_at !== null))
    .map((s) => s.space.id);
}

/** A document row (alias `d` of `documents`) the actor reads; `spaces` is the parameter bound to readableSpaceIds. */
export const readableDocumentSql = (d: string, spaces: string) => `(${d}.space_id = ANY(${spaces}::uuid[]) AND ${d}.trashed_at IS NULL)`;

/** A library file row (alias `f` of `files`) the actor reads; `spaces` as above. */
export const readableFileSql = (f: string, spaces: string) => `(${f}.space_id = ANY(${spaces}::uuid[]) AND ${f}.deleted_at IS NULL)`;

/** The document `idExpr` names exists and is out of the trash (what is said of a trashed one is out of sight). */
export const documentOutOfTrashSql = (idExpr: string) =>
  `EXISTS (SELECT 1 FROM documents d WHERE d.id = ${idExpr} AND d.trashed_at IS NULL)`;
