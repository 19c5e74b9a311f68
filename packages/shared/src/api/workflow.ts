/**
 * The workflow of the documents that go up to the national team (livrable, diagnostic,
 * synthèse): one declarative table of transitions, read by the server to allow or refuse
 * and by the web app to show the buttons.
 */
import { z } from "zod";
import type { SpaceAction } from "../permissions.js";
import type { DocumentKind } from "./documents.js";

export const DOCUMENT_STATUSES = ["brouillon", "en-relecture", "valide", "transmis", "modifications-demandees"] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

export const DOCUMENT_STATUS_LABELS: Record<DocumentStatus, string> = {
  brouillon: "Brouillon",
  "en-relecture": "En relecture",
  valide: "Validé",
  transmis: "Transmis au national",
  "modifications-demandees": "Modifications demandées",
};

/** The statuses at which the text is frozen: what was validated is what the national team reads. */
export const FROZEN_STATUSES: readonly DocumentStatus[] = ["valide", "transmis"];
export const isFrozen = (status: DocumentStatus) => FROZEN_STATUSES.includes(status);

/** Why the editor is read-only, by frozen status. */
export const FROZEN_MESSAGES: Partial<Record<DocumentStatus, string>> = {
  valide: "Ce document est validé : il ne peut plus être modifié. La pilote peut le rouvrir.",
  transmis:
    "Ce document est transmis au national : il ne peut plus être modifié. L'équipe nationale peut demander des modifications, ce qui le rouvre.",
};

/** The kinds that follow the workflow; the others stay drafts of their space. */
export const WORKFLOW_KINDS: readonly DocumentKind[] = ["livrable", "diagnostic", "synthese"];
export const followsWorkflow = (kind: DocumentKind) => WORKFLOW_KINDS.includes(kind);

export interface Transition {
  from: DocumentStatus;
  to: DocumentStatus;
  /** The policy action the person needs in the document's space. */
  action: SpaceAction;
  /** The button's label. */
  label: string;
  /** Whether a comment saying why is mandatory. */
  commentRequired: boolean;
  /** The label of that comment's field. */
  commentLabel: string;
  /** Whether a named version is frozen on arrival. */
  freezesVersion: boolean;
}

const t = (from: DocumentStatus, to: DocumentStatus, action: SpaceAction, label: string, extra: Partial<Transition> = {}): Transition => ({
  from,
  to,
  action,
  label,
  commentRequired: false,
  commentLabel: "Commentaire",
  freezesVersion: false,
  ...extra,
});

/** Every allowed transition. Anything not listed is refused. */
export const TRANSITIONS: readonly Transition[] = [
  t("brouillon", "en-relecture", "document.submitForReview", "Soumettre à la relecture"),
  t("modifications-demandees", "en-relecture", "document.submitForReview", "Soumettre à nouveau à la relecture"),
  t("en-relecture", "valide", "document.validate", "Valider", { freezesVersion: true }),
  t("valide", "transmis", "document.transmit", "Transmettre au national", { freezesVersion: true }),
  t("transmis", "modifications-demandees", "document.requestChanges", "Demander des modifications", {
    commentRequired: true,
    commentLabel: "Modifications demandées",
  }),
  // Reopening a validated text is the pilote's, and is said: who and why stay in the history and the audit.
  t("valide", "brouillon", "document.reopen", "Rouvrir", { commentRequired: true, commentLabel: "Motif de la réouverture" }),
];

export const transitionsFrom = (from: DocumentStatus) => TRANSITIONS.filter((x) => x.from === from);
export const findTransition = (from: DocumentStatus, to: DocumentStatus) =>
  TRANSITIONS.find((x) => x.from === from && x.to === to);

export const ChangeStatusBody = z.strictObject({
  to: z.enum(DOCUMENT_STATUSES),
  comment: z.string().trim().max(2000).optional(),
});
export type ChangeStatusBody = z.infer<typeof ChangeStatusBody>;

export const StatusChange = z.object({
  id: z.string(),
  from: z.enum(DOCUMENT_STATUSES),
  to: z.enum(DOCUMENT_STATUSES),
  comment: z.string(),
  actor: z.object({ id: z.string(), name: z.string() }).nullable(),
  at: z.string(),
});
export type StatusChange = z.infer<typeof StatusChange>;

/**
 * GET /api/documents/:id/status and the reply of POST …/status: the current status, its
 * history (newest first) and the transitions the caller may take now.
 */
export const DocumentStatusReply = z.object({
  documentId: z.string(),
  followsWorkflow: z.boolean(),
  status: z.enum(DOCUMENT_STATUSES),
  changedAt: z.string().nullable(),
  history: z.array(StatusChange),
  allowed: z.array(
    z.object({ to: z.enum(DOCUMENT_STATUSES), label: z.string(), commentRequired: z.boolean(), commentLabel: z.string() }),
  ),
});
export type DocumentStatusReply = z.infer<typeof DocumentStatusReply>;
