/**
 * Who may open a document's socket, and how: asked of the policy at the upgrade and again
 * whenever someone's access changes.
 */
import { COLLAB_CLOSE, type CollabClose } from "@atelier/shared";
import { validateSessionToken, type SessionUser } from "../auth/sessions.js";
import type { Queryable } from "../db/index.js";
import { isUuid, socketAccess } from "../policy/index.js";

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
  const access = await socketAccess(q, { id: found.user.id, platformRole: found.user.platformRole }, documentId);
  if (!access.ok) return { ok: false, refusal: COLLAB_CLOSE[access.refusal] };
  return {
    ok: true,
    user: found.user,
    spaceId: access.spaceId,
    canEdit: access.canEdit,
    sessionEndsAt: found.session.lastVerifiedAt.getTime() + inactivityMs,
  };
}
