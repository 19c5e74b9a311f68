import { z } from "zod";

/** What the audit log records, with the label the administration page shows. */
export const AUDIT_KINDS = {
  "auth.login": "Connexion",
  "auth.login_failed": "Échec de connexion",
  "auth.login_refused": "Connexion par mot de passe refusée",
  "auth.password_reset": "Mot de passe réinitialisé",
  "auth.proconnect_linked": "Compte relié à ProConnect",
  "auth.proconnect_request": "Demande d'accès par ProConnect",
  "invitation.sent": "Invitation envoyée",
  "invitation.accepted": "Invitation acceptée",
  "membership.granted": "Accès accordé",
  "membership.role_changed": "Rôle modifié",
  "membership.removed": "Accès retiré",
  "user.created": "Compte créé",
  "user.deactivated": "Compte désactivé",
  "user.reactivated": "Compte réactivé",
  "user.erased": "Données personnelles effacées",
  "user.updated": "Compte modifié",
  "user.platform_role_changed": "Rôle national modifié",
  "space.created": "Espace créé",
  "space.updated": "Espace modifié",
  "space.archived": "Espace archivé",
  "space.unarchived": "Espace désarchivé",
  "access_request.decided": "Demande d'accès traitée",
  "file.downloaded": "Fichier téléchargé",
  "file.deleted": "Fichier supprimé",
  "file.restored": "Fichier restauré",
  "document.trashed": "Document mis à la corbeille",
  "document.restored": "Document restauré",
  "document.status_changed": "Statut modifié",
  "version.restored": "Version restaurée",
  "event.registrants_exported": "Inscrits à un événement exportés",
  "event.registrants_mailed": "Courriel envoyé aux inscrits d'un événement",
  "event.document_attached": "Document joint à un événement",
  "event.document_detached": "Document retiré d'un événement",
  "event.report_published": "Compte rendu d'un événement publié sur le site",
  "event.report_removed": "Compte rendu d'un événement retiré du site",
  "questionnaire.answers_exported": "Réponses à un questionnaire exportées",
  "user.data_exported": "Données personnelles téléchargées",
} as const;
export type AuditKind = keyof typeof AUDIT_KINDS;
export const AUDIT_KIND_VALUES = Object.keys(AUDIT_KINDS) as [AuditKind, ...AuditKind[]];

export const AuditEntry = z.object({
  id: z.string(),
  at: z.string(),
  kind: z.enum(AUDIT_KIND_VALUES),
  actorId: z.string().nullable(),
  actorEmail: z.string().nullable(),
  spaceId: z.string().nullable(),
  spaceName: z.string().nullable(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  /** The raw facts, for programs; people read `target` and `summary`. */
  details: z.record(z.string(), z.unknown()),
  /** What the action concerned, by name: "Document : Livrable Grand-Sud". */
  target: z.string().nullable(),
  /** The details as French sentences: "Statut : validé → transmis au national". */
  summary: z.array(z.string()),
  address: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditQuery = z.strictObject({
  actor: z.string().trim().max(254).optional(),
  space: z.string().uuid().optional(),
  kind: z.enum(AUDIT_KIND_VALUES).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  format: z.enum(["json", "csv"]).default("json"),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  /** The id of the last entry of the previous page (`next` in the reply). */
  before: z.string().max(100).optional(),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditReply = z.object({
  entries: z.array(AuditEntry),
  /** Pass as `before` for the next, older page; null on the last page. */
  next: z.string().nullable(),
});
export type AuditReply = z.infer<typeof AuditReply>;
