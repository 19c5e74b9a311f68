/**
 * The workspace's side of the questionnaires: a committee's co-writers create one from the template,
 * open and close it, read the answers by group of actors, export them (audited) and quote a
 * selection of them in a new document of the space.
 */
import { contentUpdate } from "@atelier/editor";
import { AnswersQuery, AnswersSynthesisBody, CreateQuestionnaireBody, QUESTIONNAIRE_TEMPLATE, QuestionnaireStatusBody, slugify } from "@atelier/shared";
import { Hono } from "hono";
import { auditRequest } from "../audit/request.js";
import type { AppEnv, Services } from "../context.js";
import { createDocument } from "../documents/queries.js";
import { csvResponseHeaders, toCsv } from "../http/csv.js";
import { badRequest } from "../http/errors.js";
import { readJson, readQuery } from "../http/validate.js";
import { authorizeQuestionnaire, authorizeSpace, requireActor } from "../policy/index.js";
import { countedAnswers, createQuestionnaire, questionnaireById, recordQuotes, setStatus, spaceQuestionnaires, toAnswer, toQuestionnaire } from "./queries.js";
import { synthesisContent } from "./synthesis.js";

export function questionnaireRoutes(s: Services) {
  const app = new Hono<AppEnv>();
  const reply = async (id: string) => ({ questionnaire: toQuestionnaire((await questionnaireById(s.db, id))!) });

  app.get("/spaces/:spaceId/questionnaires", async (c) => {
    const actor = requireActor(c.get("user"));
    const { space } = await authorizeSpace(s.db, actor, "questionnaire.manage", c.req.param("spaceId"));
    return c.json({ questionnaires: (await spaceQuestionnaires(s.db, space.id)).map(toQuestionnaire) });
  });

  app.post("/spaces/:spaceId/questionnaires", async (c) => {
    const actor = requireActor(c.get("user"));
    const { space } = await authorizeSpace(s.db, actor, "questionnaire.manage", c.req.param("spaceId"));
    const body = await readJson(c, CreateQuestionnaireBody);
    const id = await createQuestionnaire(s.db, space, actor.id, { title: body.title, questions: QUESTIONNAIRE_TEMPLATE.questions });
    return c.json(await reply(id), 201);
  });

  app.put("/questionnaires/:id/status", async (c) => {
    const actor = requireActor(c.get("user"));
    const id = c.req.param("id");
    await authorizeQuestionnaire(s.db, actor, "questionnaire.manage", id);
    await setStatus(s.db, id, (await readJson(c, QuestionnaireStatusBody)).status);
    return c.json(await reply(id));
  });

  app.get("/questionnaires/:id/answers", async (c) => {
    const actor = requireActor(c.get("user"));
    const id = c.req.param("id");
    await authorizeQuestionnaire(s.db, actor, "questionnaire.manage", id);
    const { groupe } = readQuery(c, AnswersQuery);
    return c.json({ answers: (await countedAnswers(s.db, id, { group: groupe })).map(toAnswer) });
  });

  // Respondents' details are personal data: each export is audited.
  app.get("/questionnaires/:id/answers.csv", async (c) => {
    const actor = requireActor(c.get("user"));
    const id = c.req.param("id");
    const { space } = await authorizeQuestionnaire(s.db, actor, "questionnaire.manage", id);
    const { groupe } = readQuery(c, AnswersQuery);
    const qn = (await questionnaireById(s.db, id))!;
    const answers = await countedAnswers(s.db, id, { group: groupe });
    await auditRequest(c, s, s.db, {
      kind: "questionnaire.answers_exported",
      spaceId: space.id,
      target: { type: "questionnaire", id },
      details: { title: qn.title, count: answers.length, ...(groupe ? { group: groupe } : {}) },
    });
    const header = ["Reçue le", "Groupe d'acteurs", "Organisme", "Adresse électronique", "Téléphone", ...qn.questions, "Commentaire libre"];
    const rows = answers.map((a) => {
      const r = toAnswer(a);
      return [r.answeredAt, r.actorGroup, r.organisation, r.email, r.telephone, ...qn.questions.map((_, i) => r.answers[i] ?? ""), r.comment];
    });
    return c.body(toCsv(header, rows), 200, csvResponseHeaders(`reponses-${qn.slug}${groupe ? `-${slugify(groupe)}` : ""}.csv`));
  });

  app.post("/questionnaires/:id/synthesis", async (c) => {
    const actor = requireActor(c.get("user"));
    const id = c.req.param("id");
    const { space } = await authorizeQuestionnaire(s.db, actor, "questionnaire.manage", id);
    // Writing the document is its own right in the space.
    await authorizeSpace(s.db, actor, "document.create", space.id);
    const body = await readJson(c, AnswersSynthesisBody);
    const qn = (await questionnaireById(s.db, id))!;
    const answers = await countedAnswers(s.db, id, { ids: body.answerIds });
    if (answers.length !== new Set(body.answerIds).size) throw badRequest("unknown_answer", "Une des réponses choisies n'existe plus (retirée par son auteur ?) : rechargez la liste.");
    const row = await createDocument(
      s,
      { spaceId: space.id, title: body.title, kind: "synthese", themes: [], userId: actor.id, content: contentUpdate(synthesisContent(qn, answers)) },
      async (q, documentId) => {
        await s.bus.emit(q, "documentChanged", { documentId });
        await recordQuotes(q, documentId, body.answerIds);
      },
    );
    return c.json({ documentId: row.id }, 201);
  });

  return app;
}
