/**
 * Demo documents, written on a fresh demo install only (the tests' database has none): a livrable
 * of Grand-Sud that its membre submitted for review, so that the pilote finds it in his
 * notifications and the workflow can be walked through from the first sign-in; and livrables other
 * territories transmitted, for the national team's synthèse (demo-livrables.ts); the public site's events (demo-events.ts).
 */
import type { Services } from "../context.js";
import { createDocument } from "../documents/queries.js";
import { notify } from "../notifications/notify.js";
import { recordChange, spaceMemberIds } from "../workflow/queries.js";
import { summaryOf } from "../workflow/summary.js";
import { seedDemoEvents } from "./demo-events.js";
import { seedDemoLivrables } from "./demo-livrables.js";
import { seedDemoPractices } from "./demo-practices.js";
import { seedDemoQuestionnaire } from "./demo-questionnaire.js";

export const DEMO_LIVRABLE = "Assises interrégionales Grand-Sud : la place des usagers";

export async function seedDemoDocuments(s: Services): Promise<void> {
  const [place] = await s.db.query<{ space_id: string; user_id: string; name: string }>(
    `SELECT s.id AS space_id, u.id AS user_id, trim(u.first_name || ' ' || u.last_name) AS name
       FROM spaces s, users u WHERE s.slug = 'grand-sud' AND u.email = 'membre.grand-sud@atelier.test'`,
  );
  if (!place) return;
  const row = await createDocument(s, {
    spaceId: place.space_id,
    title: DEMO_LIVRABLE,
    kind: "livrable",
    themes: ["place-des-usagers"],
    userId: place.user_id,
  }, (q, id) => s.bus.emit(q, "documentChanged", { documentId: id }));
  await s.db.tx(async (q) => {
    await recordChange(q, { documentId: row.id, from: "brouillon", to: "en-relecture", comment: "", actorId: place.user_id });
    await notify(s, q, {
      kind: "status",
      recipients: await spaceMemberIds(q, place.space_id),
      documentId: row.id,
      spaceId: place.space_id,
      actor: { id: place.user_id },
      summary: summaryOf(row, place.name, "en-relecture", ""),
    });
  });
  await seedDemoLivrables(s);
  await seedDemoEvents(s);
  await seedDemoPractices(s);
  await seedDemoQuestionnaire(s);
}
