/**
 * Access to one document is access to its space, plus the document's own facts (its status
 * freezes its text at "validé" and "transmis"): the one check every /documents/:id route,
 * the attachments, the workflow and the collaboration socket share. Unknown: 404. Space out of
 * reach: 403 naming nothing. A trashed document exists only for those who may restore it, and
 * then only to be read in the trash or restored (`withTrash`, the documents' own routes);
 * everywhere else it is a 404.
 */
import {
  canInSpace,
  canOnDocument,
  FROZEN_MESSAGES,
  isFrozen,
  type DocumentFacts,
  type DocumentStatus,
  type SpaceAction,
} from "@atelier/shared";
import type { Queryable } from "../db/index.js";
import { findDocument } from "../documents/queries.js";
import { forbidden, notFound } from "../http/errors.js";
import { authorizeSpace } from "./index.js";
import { isUuid, standingInSpace, type Actor, type SpaceWithStanding } from "./standing.js";

/** A document that never moved in the workflow is a draft. */
async function documentStatus(q: Queryable, documentId: string): Promise<DocumentStatus> {
  const [row] = await q.query<{ status: DocumentStatus }>("SELECT status FROM document_workflow WHERE document_id = $1", [documentId]);
  return row?.status ?? "brouillon";
}

async function documentFacts(q: Queryable, documentId: string, found: SpaceWithStanding) {
  const status = await documentStatus(q, documentId);
  const facts: DocumentFacts = { archived: found.space.archived_at !== null, frozen: isFrozen(status) };
  return { status, facts };
}

export async function authorizeDocument(q: Queryable, actor: Actor, id: string, action: SpaceAction, withTrash = false) {
  const row = isUuid(id) ? await findDocument(q, id) : null;
  if (!row) throw notFound("Ce document n'existe pas.");
  const readable = await authorizeSpace(q, actor, "space.read", row.space_id);
  // Asking to restore is answered by the rules below (403 for whoever may not).
  if (row.trashed_at && !(withTrash && action === "document.restore")) {
    if (!canInSpace(readable.standing, "document.restore", readable.space.archived_at !== null)) throw notFound("Ce document n'existe pas.");
    if (!withTrash || action !== "space.read") throw notFound("Ce document est dans la corbeille : restaurez-le d'abord.");
  }
  const found = await authorizeSpace(q, actor, action, row.space_id);
  const { status, facts } = await documentFacts(q, row.id, found);
  if (!canOnDocument(found.standing, action, facts)) throw forbidden(FROZEN_MESSAGES[status]);
  return { actor, row, found, facts };
}

/** Whether the actor may take `action` on the document (false when its space is gone); for the socket. */
export async function canDocument(q: Queryable, actor: Actor, action: SpaceAction, doc: { id: string; spaceId: string }) {
  const found = await standingInSpace(q, actor, doc.spaceId);
  return !!found && canOnDocument(found.standing, action, (await documentFacts(q, doc.id, found)).facts);
}
