/**
 * Who may open a document's socket, and how: asked of the policy at the upgrade and again
 * whenever someone's access changes.
 */
import { COLLAB_CLOSE, type CollabClose } from "@atelier/shared";
import { validateSessionToken, type SessionUser } from "../auth/sessions.js";
import type { Queryable } from "../db/index.js";
import { canDocument, canSpace, isUuid } from "../policy/index.js";

export type Access =
  | { ok: true; user: SessionUser; spaceId: string; canEdit: boolean; /** When the session ends unless used meanwhile. */ sessionEndsAt: number }
  | { ok: false; refusal: CollabClose };

export async function documentAccess(
  q: Queryable,
  token: string | undefined,
  documentId: string,
  inactivityMs: number,
): Promise<Access> {
  const found = token ? await validateSessionToken(q, token, inactivityMs) : null;
  if (!found) return { ok: false, refusal: COLLAB_CLOSE.unauthenticated };
  if (!isUuid(documentId)) return { ok: false, refusal: COLLAB_CLOSE.notFound };
  const [doc] = await q.query<{ space_id: string; trashed_at: Date | null }>(
    "SELECT space_id, trashed_at FROM documents WHERE id = $1",
    [documentId],
  );
  if (!doc) return { ok: false, refusal: COLLAB_CLOSE.notFound };
  const actor = { id: found.user.id, platformRole: found.user.platformRole };
  if (!(await canSpace(q, actor, "space.read", doc.space_id))) return { ok: false, refusal: COLLAB_CLOSE.forbidden };
  // A trashed document is out of reach of the socket, even for those who may restore it.
  if (doc.trashed_at) return { ok: false, refusal: COLLAB_CLOSE.notFound };
  // The document's status is among the facts: a validated text is read-only for everyone.
  const canEdit = await canDocument(q, actor, "document.editContent", { id: documentId, spaceId: doc.space_id });
  return { ok: true, user: found.user, spaceId: doc.space_id, canEdit, sessionEndsAt: found.session.lastVerifiedAt.getTime() + inactivityMs };
}
