/** The demo's questionnaire: Grand-Sud's "place des usagers", open to the public from the first start. */
import { QUESTIONNAIRE_TEMPLATE } from "@atelier/shared";
import type { Services } from "../context.js";
import { createQuestionnaire } from "../questionnaires/queries.js";

export async function seedDemoQuestionnaire(s: Services): Promise<void> {
  const [space] = await s.db.query<{ id: string; slug: string; user_id: string }>(
    `SELECT s.id, s.slug, u.id AS user_id FROM spaces s, users u WHERE s.slug = 'grand-sud' AND u.email = 'pilote.grand-sud@atelier.test'`,
  );
  if (!space) return;
  await createQuestionnaire(s.db, space, space.user_id, { ...QUESTIONNAIRE_TEMPLATE, status: "ouvert" });
}
