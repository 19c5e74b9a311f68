/**
 * Access to one document is access to its space, plus the document's own facts (its status
 * freezes its text at "validé" and "transmis"): the one check every /documents/:id route,
 * the attachments, the workflow and the collaboration socket share. Unknown: 404. Space out of
 * reach: 403 naming nothing. A trashed document exists only for those who may restore it, and
 * then only to be read in the trash or restored (`withTrash`, the documents' own routes);
 * everywhere else it is a 404. The socket and the notifications ask here too (socketAccess,
 * canReadDocument, documentReaders): a trashed document is out of their reach for everyone.
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
import { authorizeSpace, canSpace, spaceReaders } from "./spaces.js";
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

/** What the document is for access outside its own routes: its space, and whether it is in the trash. */
async function placeOf(q: Queryable, documentId: string) {
  if (!isUuid(documentId)) return null;
  const [doc] = await q.query<{ space_id: string; trashed: boolean }>(
    "SELECT space_id, trashed_at IS NOT NULL AS trashed FROM documents WHERE id = $1",
    [documentId],
  );
  return doc ?? null;
}

export type SocketAccess = { ok: true; spaceId: string; canEdit: boolean } | { ok: false; refusal: "notFound" | "forbidden" };

/**
 * Whether the actor may open the document's socket, and edit through it. A trashed document is
 * out of its reach, even for those who may restore it; a validated text is read-only for everyone.
 */
export async function socketAccess(q: Queryable, actor: Actor, documentId: string): Promise<SocketAccess> {
  const doc = await placeOf(q, documentId);
  if (!doc) return { ok: false, refusal: "notFound" };
  if (!(await canSpace(q, actor, "space.read", doc.space_id))) return { ok: false, refusal: "forbidden" };
  if (doc.trashed) return { ok: false, refusal: "notFound" };
  const canEdit = await canDocument(q, actor, "document.editContent", { id: documentId, spaceId: doc.space_id });
  return { ok: true, spaceId: doc.space_id, canEdit };
}

/** Whether the actor still reads the document out of the trash (a notification's mail). */
export async function canReadDocument(q: Queryable, actor: Actor, documentId: string): Promise<boolean> {
  const doc = await placeOf(q, documentId);
  return !!doc && !doc.trashed && canSpace(q, actor, "space.read", doc.space_id);
}

/**
 * Readers of the document among these users: nobody while it is in the trash (out of sight for
 * most readers). Null when no such document exists; `spaceId` is where it is.
 */
export async function documentReaders(q: Queryable, userIds: string[], documentId: string) {
  const doc = await placeOf(q, documentId);
  if (!doc) return null;
  return { spaceId: doc.space_id, readers: doc.trashed ? [] : await spaceReaders(q, userIds, doc.space_id) };
}
