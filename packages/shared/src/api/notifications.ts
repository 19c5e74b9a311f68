/**
 * Notifications: what the bell lists, and how each person wants to be told by mail,
 * per kind of event (immediately, in a daily digest, or not by mail).
 */
import { z } from "zod";

export const NOTIFICATION_KINDS = ["mention", "reply", "comment", "status"] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * Access requests and their answers: in the bell only, since the access-requests capability
 * already mails them (no preference to choose).
 */
export const ACCESS_NOTIFICATION_KINDS = ["access-request", "access-decision"] as const;
export type AccessNotificationKind = (typeof ACCESS_NOTIFICATION_KINDS)[number];

export const ACCESS_NOTIFICATION_KIND_LABELS: Record<AccessNotificationKind, string> = {
  "access-request": "Demande d'accès à un espace que je pilote",
  "access-decision": "Réponse à ma demande d'accès",
};

export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = {
  mention: "On me mentionne (@)",
  reply: "Réponse dans une discussion où j'écris",
  comment: "Commentaire sur un document auquel j'ai contribué",
  status: "Changement de statut d'un document de mes espaces",
};

export const NOTIFICATION_MODES = ["immediate", "digest", "none"] as const;
export type NotificationMode = (typeof NOTIFICATION_MODES)[number];

export const NOTIFICATION_MODE_LABELS: Record<NotificationMode, string> = {
  immediate: "Un courriel tout de suite",
  digest: "Dans le résumé quotidien",
  none: "Pas de courriel",
};

/** Mentions and replies call for an answer: they are mailed at once unless the person chooses otherwise. */
export const DEFAULT_NOTIFICATION_MODES: Record<NotificationKind, NotificationMode> = {
  mention: "immediate",
  reply: "immediate",
  comment: "digest",
  status: "digest",
};

export const Notification = z.object({
  id: z.string(),
  kind: z.enum([...NOTIFICATION_KINDS, ...ACCESS_NOTIFICATION_KINDS]),
  summary: z.string(),
  /** A path of the web app ("/documents/…"). */
  link: z.string(),
  documentId: z.string().nullable(),
  actor: z.object({ id: z.string(), name: z.string() }).nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type Notification = z.infer<typeof Notification>;

export const NotificationsQuery = z.object({
  unread: z.enum(["true", "false"]).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type NotificationsQuery = z.infer<typeof NotificationsQuery>;

/** GET /api/notifications */
export const NotificationsReply = z.object({ notifications: z.array(Notification), unread: z.number().int() });
export type NotificationsReply = z.infer<typeof NotificationsReply>;

/** POST /api/notifications/read: one notification (`id`) or all of them (`all: true`). */
export const MarkReadBody = z.union([z.strictObject({ id: z.string().uuid() }), z.strictObject({ all: z.literal(true) })]);
export type MarkReadBody = z.infer<typeof MarkReadBody>;

/** GET|PUT /api/me/notification-preferences: one mode per kind. */
export const NotificationPreferences = z.strictObject({
  mention: z.enum(NOTIFICATION_MODES),
  reply: z.enum(NOTIFICATION_MODES),
  comment: z.enum(NOTIFICATION_MODES),
  status: z.enum(NOTIFICATION_MODES),
});
export type NotificationPreferences = z.infer<typeof NotificationPreferences>;
export const NotificationPreferencesReply = z.object({ preferences: NotificationPreferences });
