/**
 * What one person's search may find, as facts SQL can filter on before any limit or count: the
 * spaces they read, and for the trash the spaces where they may restore documents, or files
 * (any file, or those they trashed themselves while they may still manage them).
 */
import { canInSpace } from "@atelier/shared";
import type { Queryable } from "../db/index.js";
import { reachableSpaces, type Actor } from "./standing.js";

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
  const reachable = (await reachableSpaces(q, actor)).filter((s) => canInSpace(s.standing, "space.read", s.space.archived_at !== null));
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
