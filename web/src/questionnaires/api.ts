/** A committee's questionnaires and the answers to them, for its co-writers. */
import { AnswersReply, AnswersSynthesisReply, QuestionnaireReply, QuestionnairesReply, type AnswersSynthesisBody } from "@atelier/shared";
import { queryString, request } from "../api/client";

const q = (id: string) => `/api/questionnaires/${encodeURIComponent(id)}`;

export const listSpaceQuestionnaires = async (spaceId: string) =>
  (await request(`/api/spaces/${encodeURIComponent(spaceId)}/questionnaires`, QuestionnairesReply)).questionnaires;

export const createQuestionnaire = async (spaceId: string, title: string) =>
  (await request(`/api/spaces/${encodeURIComponent(spaceId)}/questionnaires`, QuestionnaireReply, { method: "POST", body: { title } })).questionnaire;

export const setQuestionnaireStatus = async (id: string, status: "ouvert" | "clos") =>
  (await request(`${q(id)}/status`, QuestionnaireReply, { method: "PUT", body: { status } })).questionnaire;

export const listAnswers = async (id: string, groupe?: string) => (await request(`${q(id)}/answers${queryString({ groupe })}`, AnswersReply)).answers;

/** The CSV's address, for a download link. */
export const answersCsvUrl = (id: string, groupe?: string) => `${q(id)}/answers.csv${queryString({ groupe })}`;

export const createAnswersSynthesis = async (id: string, body: AnswersSynthesisBody) =>
  (await request(`${q(id)}/synthesis`, AnswersSynthesisReply, { method: "POST", body })).documentId;
