/**
 * What one person's search may find, as facts SQL can filter on before any limit or count: the
 * spaces they read, and for the trash the spaces where they may restore documents, or files
 * (any file, or those they trashed themselves while they may still manage them).
 */
import { canInSpace } from "@atelier/shared";
import type { Queryable } from "../db/index.js";
import { readableSpaces } from "./readable.js";
import type { Actor } from "./standing.js";

export interface SearchScope {
  actorId: string;
  /** Readable spaces, with their names for the results and facets. */
  spaces: { id: string; name: string }[];
  trash: {
    documents: string[];
    /** Any trashed file of these spaces. */
    files: string[];
    /** Files the actor trashed: in these spaces any of them, in `ownFileSpaces` only those they uploaded. */
    trashedByActorSpaces: string[];
    ownFileSpaces: string[];
  };
}

export async function searchScope(q: Queryable, actor: Actor): Promise<SearchScope> {
  const reachable = await readableSpaces(q, actor);
  const where = (action: Parameters<typeof canInSpace>[1]) =>
    reachable.filter((s) => canInSpace(s.standing, action, s.space.archived_at !== null)).map((s) => s.space.id);
  return {
    actorId: actor.id,
    spaces: reachable.map((s) => ({ id: s.space.id, name: s.space.name })),
    trash: {
      documents: where("document.restore"),
      files: where("file.restore"),
      trashedByActorSpaces: where("file.manageAny"),
      ownFileSpaces: where("file.upload"),
    },
  };
}

/**
 * The condition on a search entry (alias `e`) for what the scope may see: the readable spaces out of
 * the trash, or with `trash` what lies there that the actor may restore — the rule of
 * documents' restore and files.ts's canRestoreFile, in SQL. `bind` adds a parameter and names it.
 */
export function searchVisibleSql(scope: SearchScope, trash: boolean, bind: (v: unknown) => string): string {
  const spaces = bind(scope.spaces.map((s) => s.id));
  if (!trash) return `e.space_id = ANY(${spaces}::uuid[]) AND NOT e.in_trash`;
  const actor = bind(scope.actorId);
  return `e.space_id = ANY(${spaces}::uuid[]) AND e.in_trash AND (
      (e.type <> 'file' AND e.space_id = ANY(${bind(scope.trash.documents)}::uuid[]))
   OR (e.type = 'file' AND (e.space_id = ANY(${bind(scope.trash.files)}::uuid[])
        OR (e.trashed_by = ${actor} AND (e.space_id = ANY(${bind(scope.trash.trashedByActorSpaces)}::uuid[])
             OR (e.owner_id = ${actor} AND e.space_id = ANY(${bind(scope.trash.ownFileSpaces)}::uuid[])))))))`;
}
