/**
 * Inviting someone by e-mail, into a space with a role or onto the platform alone. The admin API
 * (user creation, CSV import) and the space managers' route call it inside their own transaction.
 *
 * What happens depends on the address, but never what the caller answers (no enumeration):
 * - no account, or an account still without a password (created by an admin): an invitation
 *   link valid 7 days is mailed; opening it sets the password and grants the membership;
 * - an active account with a password: the membership is granted at once and the person is told
 *   by mail ("vous avez été ajouté à l'espace …"): they already have a way in;
 * - already a member of the space, or a deactivated account: nothing changes, nothing is sent.
 *
 * The mail is NOT sent here: `deliver()` sends it and must be called once the caller's transaction
 * has committed, so that nobody receives a link that a rollback erased (a mail cannot be taken back).
 */
import { INVITATION_TTL_DAYS, type SpaceRole } from "@atelier/shared";
import { recordAudit } from "../audit/record.js";
import { hashToken, randomToken } from "../auth/tokens.js";
import type { Services } from "../context.js";
import type { Queryable } from "../db/index.js";
import { appLink, spaceLink } from "../mail/links.js";
import type { Mail } from "../mail/mailer.js";
import { addedToSpaceMail, invitationMail } from "../mail/templates.js";
import { grantMembership } from "../members/queries.js";

export interface InvitationInput {
  /** Already normalised (trimmed, lower case), as EmailSchema leaves it. */
  email: string;
  /** null with role null: an invitation to the platform only. */
  spaceId: string | null;
  role: SpaceRole | null;
  invitedBy: string | null;
  firstName?: string;
  lastName?: string;
  organisation?: string;
  message?: string;
}

export type InvitationOutcome = "invited" | "added" | "unchanged";

export interface InvitationResult {
  outcome: InvitationOutcome;
  /** The account, when one exists already. */
  userId: string | null;
  /** The new invitation, when a link was made. */
  invitationId: string | null;
  /** Sends the mail (if any). Call after the caller's transaction has committed. */
  deliver(): Promise<void>;
}

/** Invitation tokens: 32 characters of a 32-symbol alphabet, 160 bits. */
const TOKEN_LENGTH = 32;

export async function sendInvitation(
  s: Pick<Services, "config" | "mailer">,
  q: Queryable,
  input: InvitationInput,
): Promise<InvitationResult> {
  if ((input.spaceId === null) !== (input.role === null)) {
    throw new Error("sendInvitation: spaceId and role go together");
  }
  const [user] = await q.query<{ id: string; first_name: string; active: boolean; has_password: boolean }>(
    "SELECT id, first_name, active, password_hash IS NOT NULL AS has_password FROM users WHERE email = $1 FOR UPDATE",
    [input.email],
  );
  const context = await inviteContext(q, input);
  const nothing = (): InvitationResult => ({
    outcome: "unchanged",
    userId: user?.id ?? null,
    invitationId: null,
    deliver: async () => {},
  });

  if (user && !user.active) return nothing();
  if (user?.has_password) {
    if (!input.spaceId || !input.role) return nothing();
    if (!(await grantMembership(q, user.id, input.spaceId, input.role))) return nothing();
    await recordAudit(q, {
      kind: "membership.granted",
      actor: context.inviter,
      spaceId: input.spaceId,
      target: { type: "user", id: user.id },
      details: { role: input.role, via: "invitation" },
    });
    const mail = addedToSpaceMail({
      firstName: user.first_name,
      inviter: context.inviterName,
      spaceName: context.spaceName!,
      role: input.role,
      message: input.message ?? "",
      link: spaceLink(s.config, input.spaceId),
    });
    return { outcome: "added", userId: user.id, invitationId: null, deliver: () => s.mailer.send({ to: input.email, ...mail }) };
  }

  // One live link per address and space: a new invitation replaces an older one (a "resend").
  await q.query(
    `UPDATE invitations SET revoked_at = now()
      WHERE email = $1 AND space_id IS NOT DISTINCT FROM $2 AND accepted_at IS NULL AND revoked_at IS NULL`,
    [input.email, input.spaceId],
  );
  const id = crypto.randomUUID();
  const token = randomToken(TOKEN_LENGTH);
  await q.query(
    `INSERT INTO invitations (id, token_hash, email, space_id, role, invited_by, expires_at,
                              first_name, last_name, organisation, message)
     VALUES ($1, $2, $3, $4, $5, $6, now() + make_interval(days => $7), $8, $9, $10, $11)`,
    [
      id,
      hashToken(token),
      input.email,
      input.spaceId,
      input.role,
      input.invitedBy,
      INVITATION_TTL_DAYS,
      input.firstName ?? "",
      input.lastName ?? "",
      input.organisation ?? "",
      input.message ?? "",
    ],
  );
  await recordAudit(q, {
    kind: "invitation.sent",
    actor: context.inviter,
    spaceId: input.spaceId,
    target: { type: "invitation", id },
    details: { email: input.email, role: input.role },
  });
  const mail: Mail = {
    to: input.email,
    ...invitationMail({
      firstName: input.firstName || user?.first_name || "",
      inviter: context.inviterName,
      spaceName: context.spaceName,
      role: input.role,
      message: input.message ?? "",
      link: appLink(s.config, "/invitation", { jeton: token }),
    }),
  };
  return { outcome: "invited", userId: user?.id ?? null, invitationId: id, deliver: () => s.mailer.send(mail) };
}

/** The names the mail shows: who invites, into which space. */
async function inviteContext(q: Queryable, input: InvitationInput) {
  const [inviter] = input.invitedBy
    ? await q.query<{ id: string; email: string; name: string }>(
        "SELECT id, email, trim(first_name || ' ' || last_name) AS name FROM users WHERE id = $1",
        [input.invitedBy],
      )
    : [];
  const [space] = input.spaceId
    ? await q.query<{ name: string }>("SELECT name FROM spaces WHERE id = $1", [input.spaceId])
    : [];
  if (input.spaceId && !space) throw new Error(`sendInvitation: no space ${input.spaceId}`);
  return {
    inviter: inviter ? { id: inviter.id, email: inviter.email } : null,
    inviterName: inviter?.name || null,
    spaceName: space?.name ?? null,
  };
}
