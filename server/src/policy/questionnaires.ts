/** Access to a committee's questionnaire and its answers from the workspace: its space's rules decide. */
import { type SpaceAction } from "@atelier/shared";
import type { Queryable } from "../db/index.js";
import { notFound } from "../http/errors.js";
import { authorizeSpace } from "./spaces.js";
import { isUuid, type Actor, type SpaceWithStanding } from "./standing.js";

export async function authorizeQuestionnaire(q: Queryable, actor: Actor, action: SpaceAction, questionnaireId: string): Promise<SpaceWithStanding> {
  const [row] = isUuid(questionnaireId) ? await q.query<{ space_id: string }>("SELECT space_id FROM questionnaires WHERE id = $1", [questionnaireId]) : [];
  if (!row) throw notFound("Ce questionnaire n'existe pas.");
  return authorizeSpace(q, actor, action, row.space_id);
}
