/**
 * Questionnaires to the groups of actors: a committee creates one from the template (the Grand-Sud
 * "place des usagers" questionnaire), opens and closes it; visitors answer it on the public site;
 * the committee reads, filters, exports the answers and quotes a selection in a new document.
 */
import { z } from "zod";
import { programme } from "../programme/index.js";
import { EmailSchema, text } from "./common.js";

/** The template: the questions of the Grand-Sud questionnaire; its last item, the free comment, is a field of its own. */
export const QUESTIONNAIRE_TEMPLATE = {
  title: programme.questionnaire.title,
  questions: programme.questionnaire.questions.filter((q) => !q.startsWith("Commentaire libre")),
};

export const QUESTIONNAIRE_STATUSES = ["brouillon", "ouvert", "clos"] as const;
export type QuestionnaireStatus = (typeof QUESTIONNAIRE_STATUSES)[number];
export const QUESTIONNAIRE_STATUS_LABELS: Record<QuestionnaireStatus, string> = { brouillon: "Brouillon", ouvert: "Ouvert", clos: "Clos" };

export const ANSWER_MAX = 5000;
/** The free comment: "10 lignes maximum", as the questionnaire says. */
export const COMMENT_MAX_LINES = 10;
export const COMMENT_MAX = 1200;

/** POST /api/spaces/:id/questionnaires: a new questionnaire from the template (a draft). */
export const CreateQuestionnaireBody = z.strictObject({
  title: text(200).default(QUESTIONNAIRE_TEMPLATE.title),
});
export type CreateQuestionnaireBody = z.input<typeof CreateQuestionnaireBody>;

/** PUT /api/questionnaires/:id/status: open it to the public, or close it. */
export const QuestionnaireStatusBody = z.strictObject({ status: z.enum(["ouvert", "clos"], "Statut inconnu : « ouvert » ou « clos ».") });

export const Questionnaire = z.object({
  id: z.string(),
  slug: z.string(),
  spaceId: z.string(),
  title: z.string(),
  questions: z.array(z.string()),
  status: z.enum(QUESTIONNAIRE_STATUSES),
  /** Answers that count (those given with an address once it is confirmed). */
  answers: z.number(),
  /** The public page's path. */
  url: z.string(),
});
export type Questionnaire = z.infer<typeof Questionnaire>;
export const QuestionnairesReply = z.object({ questionnaires: z.array(Questionnaire) });
export const QuestionnaireReply = z.object({ questionnaire: Questionnaire });

export const QuestionnaireAnswer = z.object({
  id: z.string(),
  actorGroup: z.string(),
  organisation: z.string(),
  email: z.string(),
  telephone: z.string(),
  /** In the order of the questionnaire's questions ("" where unanswered). */
  answers: z.array(z.string()),
  comment: z.string(),
  answeredAt: z.string(),
});
export type QuestionnaireAnswer = z.infer<typeof QuestionnaireAnswer>;

/** GET /api/questionnaires/:id/answers[?groupe=…] and …/answers.csv */
export const AnswersQuery = z.object({ groupe: z.enum(programme.actors as [string, ...string[]], "Groupe d'acteurs inconnu.").optional() });
export const AnswersReply = z.object({ answers: z.array(QuestionnaireAnswer) });

/** POST /api/questionnaires/:id/synthesis: a new document of the space quoting the chosen answers. */
export const AnswersSynthesisBody = z.strictObject({
  title: text(200),
  answerIds: z.array(z.uuid("Réponse inconnue.")).min(1, "Choisissez au moins une réponse.").max(500),
});
export type AnswersSynthesisBody = z.infer<typeof AnswersSynthesisBody>;
export const AnswersSynthesisReply = z.object({ documentId: z.string() });

const optional = (max: number) => z.string().trim().max(max, `${max} caractères au plus.`).default("");

/** The visitor's answer, sent as a classic form (it works without JavaScript): `reponse-1`… per question. */
export function answerForm(questionCount: number) {
  const answers = Object.fromEntries(Array.from({ length: questionCount }, (_, i) => [`reponse-${i + 1}`, optional(ANSWER_MAX)]));
  return z
    .object({
      groupe: z.enum(programme.actors as [string, ...string[]], "Choisissez votre groupe d'acteurs."),
      organisation: optional(200),
      email: z.union([z.literal(""), EmailSchema], "Adresse électronique invalide.").default(""),
      telephone: z.string().trim().max(30, "Numéro de téléphone trop long.").regex(/^[0-9 +().-]*$/, "Numéro de téléphone invalide : des chiffres, espaces, « + » ou « . ».").default(""),
      ...answers,
      commentaire: optional(COMMENT_MAX).refine((c) => c.split(/\r\n|\r|\n/).length <= COMMENT_MAX_LINES, `Le commentaire libre tient en ${COMMENT_MAX_LINES} lignes au plus.`),
    })
    .refine((f) => Object.keys(answers).some((k) => (f as Record<string, string>)[k]) || f.commentaire, {
      message: "Répondez à au moins une question.",
      path: ["reponse-1"],
    });
}
