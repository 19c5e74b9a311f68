/**
 * Access to one document is access to its space: the one check every /documents/:id route,
 * the attachments and the workflow share. Unknown: 404. Space out of reach: 403 naming nothing.
 * A trashed document exists only for those who may restore it, and then only to be read in the
 * trash or restored (`withTrash`, the documents' own routes); everywhere else it is a 404.
 */
import { canInSpace, type SpaceAction } from "@atelier/shared";
import type { Queryable } from "../db/index.js";
import { findDocument } from "../documents/queries.js";
import { notFound } from "../http/errors.js";
import { authorizeSpace, isUuid, type Actor } from "./index.js";

export async function authorizeDocument(q: Queryable, actor: Actor, id: string, action: SpaceAction, withTrash = false) {
  const row = isUuid(id) ? await findDocument(q, id) : null;
  if (!row) throw notFound("Ce document n'existe pas.");
  const found = await authorizeSpace(q, actor, "space.read", row.space_id);
  // Asking to restore is answered by the rules below (403 for whoever may not).
  if (row.trashed_at && !(withTrash && action === "document.restore")) {
    if (!canInSpace(found.standing, "document.restore", found.space.archived_at !== null)) throw notFound("Ce document n'existe pas.");
    if (!withTrash || action !== "space.read") throw notFound("Ce document est dans la corbeille : restaurez-le d'abord.");
  }
  await authorizeSpace(q, actor, action, row.space_id);
  return { actor, row, found };
}
