/**
 * The national synthesis: building one is writing in the national space and reading every
 * source. A source the actor cannot read is refused by its committee and its id (never its
 * title, as the directory tells of a document out of reach), so that the person knows which
 * one to take out; nothing is created.
 */
import { canInSpace } from "@atelier/shared";
import type { Queryable } from "../db/index.js";
import { findDocument, type DocumentRow } from "../documents/queries.js";
import { HttpError, notFound } from "../http/errors.js";
import { authorizeSpace } from "./spaces.js";
import { isUuid, standingInSpace, type Actor, type SpaceRow } from "./standing.js";

export interface ReadableSource {
  row: DocumentRow;
  space: SpaceRow;
}

/** Every source, readable by the actor and out of the trash, in the order given. */
export async function authorizeSources(q: Queryable, actor: Actor, ids: readonly string[]): Promise<ReadableSource[]> {
  const sources: ReadableSource[] = [];
  for (const id of ids) {
    const row = isUuid(id) ? await findDocument(q, id) : null;
    const found = row && (await standingInSpace(q, actor, row.space_id));
    if (!row || !found || row.trashed_at) throw notFound(`Le document source ${id} n'existe pas ou est dans la corbeille.`);
    if (!canInSpace(found.standing, "space.read", found.space.archived_at !== null)) {
      throw new HttpError(
        403,
        "source_forbidden",
        `Vous n'avez pas accès en lecture au document source ${id} (${found.space.name}) : il ne peut pas être repris dans la synthèse.`,
        { documentId: id, space: found.space.name },
      );
    }
    sources.push({ row, space: found.space });
  }
  return sources;
}

/** Writing a new synthèse in the space (403 otherwise), then reading each source. */
export async function authorizeSynthesis(q: Queryable, actor: Actor, spaceId: string, sourceIds: readonly string[]) {
  const found = await authorizeSpace(q, actor, "document.create", spaceId);
  return { found, sources: await authorizeSources(q, actor, sourceIds) };
}
