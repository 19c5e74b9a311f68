/**
 * Questionnaires and their answers. An answer counts when it has no address, or once its address is
 * confirmed; its links (confirm, withdraw) carry one token, stored hashed. Withdrawing takes its
 * quotes out of the documents made from it, then deletes it.
 */
import { slugify, type Questionnaire, type QuestionnaireAnswer, type QuestionnaireStatus } from "@atelier/shared";
import { hashToken, randomToken } from "../auth/tokens.js";
import type { Services } from "../context.js";
import type { Queryable } from "../db/index.js";

export interface QuestionnaireRow {
  id: string;
  space_id: string;
  space_name: string;
  slug: string;
  title: string;
  questions: string[];
  status: QuestionnaireStatus;
  answers: number;
}

export interface AnswerRow {
  id: string;
  questionnaire_id: string;
  actor_group: string;
  organisation: string;
  email: string;
  telephone: string;
  answers: string[];
  comment: string;
  confirmed_at: Date | null;
  created_at: Date;
}

/** An answer counts once confirmed: at once without an address, from the mail's link with one. */
const COUNTS = "a.confirmed_at IS NOT NULL";

const SELECT = `SELECT q.id, q.space_id, s.name AS space_name, q.slug, q.title, q.questions, q.status,
       (SELECT count(*)::int FROM questionnaire_answers a WHERE a.questionnaire_id = q.id AND ${COUNTS}) AS answers
  FROM questionnaires q JOIN spaces s ON s.id = q.space_id`;

export function toQuestionnaire(r: QuestionnaireRow): Questionnaire {
  return { id: r.id, slug: r.slug, spaceId: r.space_id, title: r.title, questions: r.questions, status: r.status, answers: r.answers, url: `/questionnaires/${r.slug}` };
}

export function toAnswer(r: AnswerRow): QuestionnaireAnswer {
  return {
    id: r.id,
    actorGroup: r.actor_group,
    organisation: r.organisation,
    email: r.email,
    telephone: r.telephone,
    answers: r.answers,
    comment: r.comment,
    answeredAt: (r.confirmed_at ?? r.created_at).toISOString(),
  };
}

export async function questionnaireById(q: Queryable, id: string): Promise<QuestionnaireRow | undefined> {
  const [row] = await q.query<QuestionnaireRow>(`${SELECT} WHERE q.id = $1`, [id]);
  return row;
}

export async function questionnaireBySlug(q: Queryable, slug: string): Promise<QuestionnaireRow | undefined> {
  const [row] = await q.query<QuestionnaireRow>(`${SELECT} WHERE q.slug = $1`, [slug]);
  return row;
}

export const spaceQuestionnaires = (q: Queryable, spaceId: string) => q.query<QuestionnaireRow>(`${SELECT} WHERE q.space_id = $1 ORDER BY q.created_at DESC`, [spaceId]);

export const openQuestionnaires = (q: Queryable) => q.query<QuestionnaireRow>(`${SELECT} WHERE q.status = 'ouvert' ORDER BY s.name, q.title`);

export async function createQuestionnaire(q: Queryable, space: { id: string; slug: string }, by: string | null, input: { title: string; questions: string[]; status?: QuestionnaireStatus }): Promise<string> {
  const id = crypto.randomUUID();
  const base = `${space.slug}-${slugify(input.title).slice(0, 80)}`;
  const [taken] = await q.query("SELECT 1 FROM questionnaires WHERE slug = $1", [base]);
  await q.query(
    "INSERT INTO questionnaires (id, space_id, slug, title, questions, status, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    [id, space.id, taken ? `${base}-${id.slice(0, 8)}` : base, input.title, JSON.stringify(input.questions), input.status ?? "brouillon", by],
  );
  return id;
}

export async function setStatus(q: Queryable, id: string, status: QuestionnaireStatus): Promise<void> {
  await q.query("UPDATE questionnaires SET status = $2 WHERE id = $1", [id, status]);
}

export interface NewAnswer {
  groupe: string;
  organisation: string;
  email: string;
  telephone: string;
  answers: string[];
  commentaire: string;
}

/** Records an answer (confirmed already when it gives no address); returns the token of its links. */
export async function recordAnswer(q: Queryable, questionnaireId: string, a: NewAnswer): Promise<{ id: string; token: string }> {
  const id = crypto.randomUUID();
  const token = randomToken();
  await q.query(
    `INSERT INTO questionnaire_answers (id, questionnaire_id, actor_group, organisation, email, telephone, answers, comment, token_hash, confirmed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, CASE WHEN $5 = '' THEN now() END)`,
    [id, questionnaireId, a.groupe, a.organisation, a.email, a.telephone, JSON.stringify(a.answers), a.commentaire, hashToken(token)],
  );
  return { id, token };
}

export async function answerByToken(q: Queryable, token: string): Promise<AnswerRow | undefined> {
  const [row] = await q.query<AnswerRow>("SELECT * FROM questionnaire_answers WHERE token_hash = $1", [hashToken(token)]);
  return row;
}

export async function confirmAnswer(q: Queryable, id: string): Promise<void> {
  await q.query("UPDATE questionnaire_answers SET confirmed_at = now() WHERE id = $1 AND confirmed_at IS NULL", [id]);
}

/** Notes that the document quotes these answers (a synthèse made from them), for their withdrawal. */
export async function recordQuotes(q: Queryable, documentId: string, answerIds: string[]): Promise<void> {
  await q.query("INSERT INTO questionnaire_quotes (answer_id, document_id) SELECT x, $1 FROM unnest($2::uuid[]) AS x ON CONFLICT DO NOTHING", [documentId, answerIds]);
}

/**
 * The documents quoting the answer lose its quotes (the bus's questionnaireAnswerWithdrawn), then the
 * answer is deleted, its quotes' rows with it. In that order: should the documents fail to change,
 * the answer and its link stay for another try, which finds the same documents.
 */
export async function withdrawAnswer(s: Pick<Services, "db" | "bus">, a: AnswerRow): Promise<void> {
  const quoting = await s.db.query<{ document_id: string }>("SELECT document_id FROM questionnaire_quotes WHERE answer_id = $1", [a.id]);
  if (quoting.length) {
    const quotes = [...a.answers, a.comment].filter((t) => t.trim() !== "");
    await s.bus.emit(s.db, "questionnaireAnswerWithdrawn", { answerId: a.id, documentIds: quoting.map((r) => r.document_id), quotes });
  }
  await s.db.query("DELETE FROM questionnaire_answers WHERE id = $1", [a.id]);
}

/** The answers that count, oldest first, of one group of actors or all (or only those chosen). */
export const countedAnswers = (q: Queryable, questionnaireId: string, filter: { group?: string; ids?: string[] } = {}) =>
  q.query<AnswerRow>(
    `SELECT a.* FROM questionnaire_answers a
      WHERE a.questionnaire_id = $1 AND ${COUNTS} AND ($2::text IS NULL OR a.actor_group = $2) AND ($3::uuid[] IS NULL OR a.id = ANY($3::uuid[]))
      ORDER BY coalesce(a.confirmed_at, a.created_at), a.id`,
    [questionnaireId, filter.group ?? null, filter.ids ?? null],
  );
