/** @jsxImportSource hono/jsx */
/** The questionnaires' part of the public site: the call to answer on the home page, its entries in the site map. */
import type { Services } from "../context.js";
import type { PublicSection } from "../public-site/sections.js";
import { openQuestionnaires } from "./queries.js";

/** The call to answer, on the home page and on every event's page. */
export function QuestionnaireCall() {
  return (
    <section class="fr-callout fr-my-6w" aria-labelledby="appel-questionnaire">
      <h2 id="appel-questionnaire" class="fr-callout__title">
        Donnez votre avis
      </h2>
      <p class="fr-callout__text">
        Professionnels, bénévoles, employeurs, formateurs, élus, personnes concernées : répondez au questionnaire des États
        généraux du travail social, sans compte.
      </p>
      <a class="fr-btn" href="/questionnaire">
        Répondre au questionnaire
      </a>
    </section>
  );
}

export function questionnaireSection(s: Services): PublicSection {
  return {
    home: async () => <QuestionnaireCall />,
    siteMap: async () => ({
      path: "/questionnaire",
      title: "Questionnaire",
      children: (await openQuestionnaires(s.db)).map((qn) => ({ path: `/questionnaires/${qn.slug}`, title: qn.title })),
    }),
  };
}
