import { MailTokenSchema, type InvitationPreview, type PendingInvitation, type SpaceRole } from "@atelier/shared";
import { hashToken } from "../auth/tokens.js";
import type { Queryable } from "../db/index.js";
import { badRequest, HttpError } from "../http/errors.js";
import { grantMembership } from "../members/queries.js";

const PENDING = "i.accepted_at IS NULL AND i.revoked_at IS NULL";

export async function listPendingInvitations(q: Queryable, spaceId: string): Promise<PendingInvitation[]> {
  const rows = await q.query<{
    id: string;
    email: string;
    role: SpaceRole;
    first_name: string;
    last_name: string;
    organisation: string;
    invited_by: string | null;
    created_at: Date;
    expires_at: Date;
  }>(
    `SELECT i.id, i.email, i.role, i.first_name, i.last_name, i.organisation, i.created_at, i.expires_at,
            nullif(trim(u.first_name || ' ' || u.last_name), '') AS invited_by
       FROM invitations i LEFT JOIN users u ON u.id = i.invited_by
      WHERE i.space_id = $1 AND ${PENDING} AND i.expires_at > now()
      ORDER BY i.created_at DESC`,
    [spaceId],
  );
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    role: r.role,
    firstName: r.first_name,
    lastName: r.last_name,
    organisation: r.organisation,
    invitedBy: r.invited_by,
    createdAt: new Date(r.created_at).toISOString(),
    expiresAt: new Date(r.expires_at).toISOString(),
  }));
}

/** Cancels a pending invitation of the space; false when there is none by that id. */
export async function revokeInvitation(q: Queryable, spaceId: string, id: string): Promise<boolean> {
  const rows = await q.query(
    `UPDATE invitations i SET revoked_at = now() WHERE i.id = $1 AND i.space_id = $2 AND ${PENDING} RETURNING i.id`,
    [id, spaceId],
  );
  return rows.length > 0;
}

export interface InvitationRow {
  id: string;
  email: string;
  space_id: string | null;
  space_name: string | null;
  role: SpaceRole | null;
  first_name: string;
  last_name: string;
  organisation: string;
  message: string;
  invited_by: string | null;
  expires_at: Date;
  proconnect_required: boolean;
}

const INVALID = "Ce lien d'invitation n'est pas valide. Vérifiez qu'il est complet, ou demandez une nouvelle invitation.";

/**
 * The invitation a mail link names, if it can still be accepted: a malformed or unknown token is a
 * 400, an accepted, cancelled or expired one a 410 saying which. `lock` holds it for the acceptance.
 */
export async function liveInvitation(q: Queryable, token: string, lock = false): Promise<InvitationRow> {
  if (!MailTokenSchema.safeParse(token).success) throw badRequest("invalid_token", INVALID);
  const [row] = await q.query<
    InvitationRow & { accepted: boolean; revoked: boolean; expired: boolean }
  >(
    `SELECT i.id, i.email, i.space_id, s.name AS space_name, i.role, i.first_name, i.last_name, i.organisation,
            i.message, i.expires_at, COALESCE(s.proconnect_required, false) AS proconnect_required, nullif(trim(u.first_name || ' ' || u.last_name), '') AS invited_by,
            i.accepted_at IS NOT NULL AS accepted, i.revoked_at IS NOT NULL AS revoked, i.expires_at <= now() AS expired
       FROM invitations i
       LEFT JOIN spaces s ON s.id = i.space_id
       LEFT JOIN users u ON u.id = i.invited_by
      WHERE i.token_hash = $1
      ${lock ? "FOR UPDATE OF i" : ""}`,
    [hashToken(token)],
  );
  if (!row) throw badRequest("invalid_token", INVALID);
  if (row.accepted) {
    throw gone("invitation_used", "Cette invitation a déjà été acceptée : connectez-vous avec votre adresse et votre mot de passe.");
  }
  if (row.revoked) {
    throw gone("invitation_revoked", "Cette invitation a été annulée. Demandez-en une nouvelle à la personne qui vous a invité.");
  }
  if (row.expired) {
    throw gone("invitation_expired", "Cette invitation a expiré. Demandez-en une nouvelle à la personne qui vous a invité.");
  }
  const { accepted: _a, revoked: _r, expired: _e, ...invitation } = row;
  return invitation;
}

const gone = (code: string, message: string) => new HttpError(410, code, message);

export const toPreview = (i: InvitationRow): InvitationPreview => ({
  email: i.email,
  firstName: i.first_name,
  lastName: i.last_name,
  organisation: i.organisation,
  space: i.space_id && i.space_name ? { id: i.space_id, name: i.space_name } : null,
  role: i.role,
  invitedBy: i.invited_by,
  message: i.message,
  expiresAt: new Date(i.expires_at).toISOString(),
  proconnectRequired: i.proconnect_required,
});

/**
 * Accepts every live invitation sent to this address (the link proved the address is theirs):
 * grants their memberships, keeping any role the person already has, and marks them used.
 * Returns the spaces joined.
 */
export async function acceptAllFor(q: Queryable, email: string, userId: string): Promise<{ spaceId: string; role: SpaceRole }[]> {
  const invitations = await q.query<{ space_id: string | null; role: SpaceRole | null }>(
    `UPDATE invitations i SET accepted_at = now()
      WHERE i.email = $1 AND ${PENDING} AND i.expires_at > now()
      RETURNING i.space_id, i.role`,
    [email],
  );
  const joined: { spaceId: string; role: SpaceRole }[] = [];
  for (const { space_id: spaceId, role } of invitations) {
    if (!spaceId || !role) continue;
    if (await grantMembership(q, userId, spaceId, role)) joined.push({ spaceId, role });
  }
  return joined;
}
