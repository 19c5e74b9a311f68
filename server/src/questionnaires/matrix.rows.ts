import type { MatrixContext, MatrixRow } from "../../test/matrix/matrix.js";
import { EDITORS, EVERYONE, NOBODY_PUBLIC } from "../../test/matrix/profiles.js";
import { recordAnswer } from "./queries.js";

// A committee's questionnaires and their answers are its co-writers' (membres, pilotes; the national
// team in the national space only); a visitor answers an open one but never reads an answer.

/** A questionnaire an admin created in the space from the template, opened or left a draft. */
async function adminQuestionnaire({ admin, spaceId }: MatrixContext, open: boolean) {
  const r = await admin.post(`/api/spaces/${spaceId}/questionnaires`, {});
  if (r.status !== 201) throw new Error(`admin questionnaire: ${r.status}`);
  const qn = r.body.questionnaire as { id: string; url: string };
  if (open) await admin.put(`/api/questionnaires/${qn.id}/status`, { status: "ouvert" });
  return qn;
}

export const rows: MatrixRow[] = [
  { action: "lister les questionnaires d'un comité", run: ({ client, spaceId }) => client.get(`/api/spaces/${spaceId}/questionnaires`), expect: EDITORS },
  { action: "créer un questionnaire à partir du modèle", run: ({ client, spaceId }) => client.post(`/api/spaces/${spaceId}/questionnaires`, {}), expect: EDITORS },
  {
    action: "ouvrir ou clore un questionnaire",
    run: async (ctx) => ctx.client.put(`/api/questionnaires/${(await adminQuestionnaire(ctx, false)).id}/status`, { status: "ouvert" }),
    expect: EDITORS,
  },
  { action: "lire les réponses à un questionnaire", run: async (ctx) => ctx.client.get(`/api/questionnaires/${(await adminQuestionnaire(ctx, true)).id}/answers`), expect: EDITORS },
  {
    action: "exporter les réponses à un questionnaire (CSV)",
    run: async (ctx) => {
      const r = await ctx.client.raw("GET", `/api/questionnaires/${(await adminQuestionnaire(ctx, true)).id}/answers.csv`);
      return { status: r.status, body: await r.text(), headers: r.headers };
    },
    expect: EDITORS,
  },
  {
    action: "créer une synthèse à partir de réponses choisies",
    run: async (ctx) => {
      const qn = await adminQuestionnaire(ctx, true);
      // An anonymous answer, written as the public form writes it (the form itself is rate-limited per address).
      const { id } = await recordAnswer(ctx.server.services.db, qn.id, { groupe: "Bénévoles", organisation: "", email: "", telephone: "", answers: ["Une réponse."], commentaire: "" });
      return ctx.client.post(`/api/questionnaires/${qn.id}/synthesis`, { title: "Synthèse des principales problématiques", answerIds: [id] });
    },
    expect: EDITORS,
  },
  { action: "voir un questionnaire ouvert (visiteur)", run: async (ctx) => ctx.client.get((await adminQuestionnaire(ctx, true)).url), expect: EVERYONE },
  { action: "voir un questionnaire en brouillon (page publique)", run: async (ctx) => ctx.client.get((await adminQuestionnaire(ctx, false)).url), expect: NOBODY_PUBLIC, refusedAs: 404 },
];
