import { z } from "zod";

/** Whether the login page shows "S'identifier avec ProConnect". */
export const ProConnectStatus = z.object({ enabled: z.boolean() });
export type ProConnectStatus = z.infer<typeof ProConnectStatus>;

/**
 * Why a ProConnect sign-in ended on the login page instead of in Atelier; the server redirects to
 * /connexion?proconnect=<code> and the page says what to do.
 */
export const PROCONNECT_FAILURES = [
  "provider_unavailable",
  "invalid_state",
  "rejected_code",
  "invalid_token",
  "insufficient_acr",
  "unverified_email",
  "account_inactive",
  "cancelled",
] as const;
export type ProConnectFailure = (typeof PROCONNECT_FAILURES)[number];

/** What ProConnect told of an agent whom no account knows, to prefill "Demander l'accès". */
export const ProConnectRequestDraft = z.object({
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  organisation: z.string(),
  siret: z.string(),
  submitted: z.boolean(),
});
export type ProConnectRequestDraft = z.infer<typeof ProConnectRequestDraft>;

export const ProConnectRequestBody = z.strictObject({
  firstName: z.string().trim().min(1, "Indiquez votre prénom.").max(100),
  lastName: z.string().trim().min(1, "Indiquez votre nom.").max(100),
  organisation: z.string().trim().min(1, "Indiquez votre organisme.").max(200),
  message: z.string().trim().max(2000).default(""),
});
export type ProConnectRequestBody = z.input<typeof ProConnectRequestBody>;

/** The logout's answer when the session came from ProConnect: the browser goes there to end it too. */
export const LogoutReply = z.object({ logoutUrl: z.string().nullable() });
export type LogoutReply = z.infer<typeof LogoutReply>;
