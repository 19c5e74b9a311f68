/**
 * Inspiring practices (pratiques inspirantes): the fiche projet's fields (`programme.fichePratiqueFields`,
 * one key each for forms), the public's proposal form, the moderation queue of a territory's space
 * and the publication of a fiche pratique document on the public site.
 */
import { z } from "zod";
import { programme } from "../programme/index.js";
import { EmailSchema, text } from "./common.js";

/** The fiche's fields in the programme's order: a form key for each of the programme's labels. */
const FIELD_KEYS = [
  "projet",
  "territoire",
  "etablissement",
  "public",
  "description",
  "conditions",
  "difficultes",
  "acteurs",
  "resultats",
  "criteres",
  "accord",
  "contact",
  "commentaires",
] as const;
export type PracticeFieldKey = (typeof FIELD_KEYS)[number];

export const PRACTICE_FIELDS: { key: PracticeFieldKey; label: string }[] = FIELD_KEYS.map((key, i) => {
  const label = programme.fichePratiqueFields[i];
  if (!label) throw new Error(`fichePratiqueFields: no field for ${key}`);
  return { key, label };
});
export const practiceFieldLabel = (key: PracticeFieldKey) => PRACTICE_FIELDS.find((f) => f.key === key)!.label;

/** The consent field's answer read from the fiche's text: only a "oui" at its start publishes. */
export function consentOf(text: string): "oui" | "non" | "absent" {
  const word = text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .match(/[a-z]+/)?.[0];
  return word === "oui" ? "oui" : word === "non" ? "non" : "absent";
}

const TERRITORY_SLUGS = programme.territories.map((t) => t.slug) as [string, ...string[]];
const long = (max: number) => z.string().trim().max(max, `Au plus ${max} caractères.`).default("");
const required = (max: number, message: string) => z.string().trim().min(1, message).max(max, `Au plus ${max} caractères.`);

export const PRACTICE_TEXT_MAX = 5000;

/** The public's "Proposer une pratique" form (a classic form: it works without JavaScript). */
export const PracticeProposalForm = z.object({
  projet: required(200, "Indiquez le nom du projet."),
  territoire: z.enum(TERRITORY_SLUGS, "Choisissez le territoire concerné."),
  etablissement: required(200, "Indiquez le type d'établissement."),
  public: required(200, "Indiquez le public cible."),
  description: required(PRACTICE_TEXT_MAX, "Décrivez le projet."),
  conditions: long(PRACTICE_TEXT_MAX),
  difficultes: long(PRACTICE_TEXT_MAX),
  acteurs: long(PRACTICE_TEXT_MAX),
  resultats: long(PRACTICE_TEXT_MAX),
  criteres: long(PRACTICE_TEXT_MAX),
  accord: z.enum(["oui", "non"], "Dites si vous acceptez la diffusion publique de la fiche."),
  contact_nom: required(120, "Indiquez votre nom et prénom."),
  contact_email: EmailSchema,
  contact_fonction: long(200),
  commentaires: long(PRACTICE_TEXT_MAX),
});
export type PracticeProposalForm = z.infer<typeof PracticeProposalForm>;

/** A confirmed proposal waiting in its territory's moderation queue. */
export const PracticeProposal = z.object({
  id: z.string(),
  title: z.string(),
  /** The fiche's fields as the author wrote them, in the programme's order (the contact in one line). */
  fields: z.array(z.object({ label: z.string(), text: z.string() })),
  author: z.object({ name: z.string(), email: z.string(), role: z.string() }),
  confirmedAt: z.string(),
});
export type PracticeProposal = z.infer<typeof PracticeProposal>;

/** GET /api/spaces/:id/practice-proposals → { proposals }; accept → { documentId }. */
export const PracticeProposalsReply = z.object({ proposals: z.array(PracticeProposal) });
export const AcceptProposalReply = z.object({ documentId: z.string() });
export const RefuseProposalBody = z.strictObject({ reason: text(2000) });
export type RefuseProposalBody = z.infer<typeof RefuseProposalBody>;

/** GET|POST|DELETE /api/documents/:id/publication: a fiche pratique on the public site. */
export const PracticePublication = z.object({
  published: z.boolean(),
  /** The public page's path, once published. */
  url: z.string().nullable(),
  publishedAt: z.string().nullable(),
  /** What the fiche's "Accord pour diffusion publique" field says now. */
  consent: z.enum(["oui", "non", "absent"]),
  /** Whether the caller may publish or unpublish it. */
  canPublish: z.boolean(),
});
export type PracticePublication = z.infer<typeof PracticePublication>;
export const PracticePublicationReply = z.object({ publication: PracticePublication });
