/**
 * Accounts as people manage them themselves: password reset, invitations into a space,
 * membership changes by a space's managers and "Demander l'accès".
 * The password reset bodies (ForgotPasswordBody, ResetPasswordBody) live in ./auth.ts.
 */
import { z } from "zod";
import { SPACE_ROLES } from "../roles.js";
import { Me } from "./auth.js";
import { EmailSchema, PasswordSchema, text } from "./common.js";

const SpaceRoleSchema = z.enum(SPACE_ROLES, "Rôle inconnu (pilote, membre, contributeur ou lecteur).");

/** Unexpected fields are refused and named in French by the shared wording (./french.ts). */
const strict = z.strictObject;

export const PERSON_NAME_MAX = 100;
export const PERSON_ORGANISATION_MAX = 200;
/** Personal messages in invitations and access requests. */
export const MESSAGE_MAX = 2000;
/** How long the links sent by mail stay valid. */
export const RESET_TTL_HOURS = 1;
export const INVITATION_TTL_DAYS = 7;

const Message = z
  .string()
  .trim()
  .max(MESSAGE_MAX, `Le message ne peut dépasser ${MESSAGE_MAX} caractères.`);

/** A token from a mail link: letters and digits only, so it never needs escaping. */
export const MailTokenSchema = z
  .string()
  .min(10)
  .max(200)
  .regex(/^[a-z0-9]+$/, "Ce lien n'est pas valide.");

/* ---------- Password reset ---------- */

/** Answer of POST /api/auth/password/forgot (202), the same whether the address has an account or not. */
export const ForgotPasswordReply = z.object({ message: z.string() });
export type ForgotPasswordReply = z.infer<typeof ForgotPasswordReply>;

/** Answer of POST /api/auth/password/reset (200). Bad, expired or used links answer 400 with a French message. */
export const ResetPasswordReply = z.object({ message: z.string() });
export type ResetPasswordReply = z.infer<typeof ResetPasswordReply>;

/* ---------- Invitations ---------- */

/** POST /api/spaces/:spaceId/invitations */
export const InviteBody = strict({
  email: EmailSchema,
  role: SpaceRoleSchema,
  firstName: text(PERSON_NAME_MAX, 0).optional(),
  lastName: text(PERSON_NAME_MAX, 0).optional(),
  organisation: text(PERSON_ORGANISATION_MAX, 0).optional(),
  /** Added to the mail the invitee receives. */
  message: Message.optional(),
});
export type InviteBody = z.input<typeof InviteBody>;

/**
 * Answer of POST /api/spaces/:spaceId/invitations (201). Identical whether the address already had
 * an account (then added directly and told by mail) or not (then invited by mail): no enumeration.
 */
export const InviteReply = z.object({ email: z.string(), role: SpaceRoleSchema, spaceId: z.string() });
export type InviteReply = z.infer<typeof InviteReply>;

/** A pending invitation, as a space's managers see it. */
export const PendingInvitation = z.object({
  id: z.string(),
  email: z.string(),
  role: SpaceRoleSchema,
  firstName: z.string(),
  lastName: z.string(),
  organisation: z.string(),
  invitedBy: z.string().nullable(),
  createdAt: z.string(),
  expiresAt: z.string(),
});
export type PendingInvitation = z.infer<typeof PendingInvitation>;

/** GET /api/spaces/:spaceId/invitations */
export const PendingInvitationsList = z.object({ invitations: z.array(PendingInvitation) });
export type PendingInvitationsList = z.infer<typeof PendingInvitationsList>;

/**
 * GET /api/invitations/:token (public): what the invitee needs to see before setting a password.
 * A bad token answers 400; an expired, used or cancelled one 410 with a French message.
 */
export const InvitationPreview = z.object({
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  organisation: z.string(),
  /** null for an invitation to the platform without a space (an admin inviting a national team member). */
  space: z.object({ id: z.string(), name: z.string() }).nullable(),
  role: SpaceRoleSchema.nullable(),
  invitedBy: z.string().nullable(),
  message: z.string(),
  expiresAt: z.string(),
  /** The space requires ProConnect of its members: the invitee joins by signing in with it, not with a password. */
  proconnectRequired: z.boolean(),
});
export type InvitationPreview = z.infer<typeof InvitationPreview>;

/** POST /api/invitations/:token/accept */
export const AcceptInvitationBody = strict({
  password: PasswordSchema,
  firstName: text(PERSON_NAME_MAX),
  lastName: text(PERSON_NAME_MAX),
});
export type AcceptInvitationBody = z.input<typeof AcceptInvitationBody>;

/** Answer of the acceptance (200, with the session cookie): where the web app lands. */
export const AcceptInvitationReply = z.object({
  spaceId: z.string().nullable(),
  user: Me,
});
export type AcceptInvitationReply = z.infer<typeof AcceptInvitationReply>;

/* ---------- Members, as a space's managers change them ---------- */

/** PATCH /api/spaces/:spaceId/members/:userId → 200 { member } (Member from ./spaces.ts). */
export const ChangeMemberRoleBody = strict({ role: SpaceRoleSchema });
export type ChangeMemberRoleBody = z.infer<typeof ChangeMemberRoleBody>;
/* DELETE /api/spaces/:spaceId/members/:userId → 204. Removing or demoting the last pilote: 409 unless an admin. */

/* ---------- Access requests ("Demander l'accès") ---------- */

/** POST /api/spaces/:spaceId/access-requests → 202, revealing nothing of the space. */
export const AccessRequestBody = strict({ message: Message.default("") });
export type AccessRequestBody = z.input<typeof AccessRequestBody>;

export const AccessRequestReply = z.object({ message: z.string() });
export type AccessRequestReply = z.infer<typeof AccessRequestReply>;

/** A pending request, as the managers of its space see it. */
export const AccessRequest = z.object({
  id: z.string(),
  space: z.object({ id: z.string(), name: z.string() }),
  requester: z.object({
    id: z.string(),
    email: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    organisation: z.string(),
  }),
  message: z.string(),
  createdAt: z.string(),
});
export type AccessRequest = z.infer<typeof AccessRequest>;

/** GET /api/spaces/:spaceId/access-requests and GET /api/access-requests (every space I manage). */
export const AccessRequestsList = z.object({ requests: z.array(AccessRequest) });
export type AccessRequestsList = z.infer<typeof AccessRequestsList>;

/** POST /api/access-requests/:id/grant → 200 { member } */
export const GrantAccessBody = strict({ role: SpaceRoleSchema });
export type GrantAccessBody = z.infer<typeof GrantAccessBody>;

/** POST /api/access-requests/:id/decline → 204; the reason goes into the mail to the asker. */
export const DeclineAccessBody = strict({ reason: Message.optional() });
export type DeclineAccessBody = z.input<typeof DeclineAccessBody>;
