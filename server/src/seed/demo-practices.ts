/**
 * Demo practices: two fiches pratiques written in Grand-Sud and published by its pilote, so that the
 * public site's list, its filters, a practice's page and the feed have something to show.
 */
import type { PracticeProposalForm } from "@atelier/shared";
import type { Services } from "../context.js";
import { createDocument } from "../documents/queries.js";
import { proposalContent } from "../practices/fiche.js";
import { publishPractice } from "../practices/publication.js";

const common = { territoire: "grand-sud", accord: "oui", contact_fonction: "", commentaires: "", difficultes: "", criteres: "" } as const;

const PRACTICES: (PracticeProposalForm & { themes: string[] })[] = [
  {
    ...common,
    projet: "Le conseil de la vie sociale élargi aux familles",
    etablissement: "Établissement d'hébergement pour personnes âgées dépendantes (EHPAD)",
    public: "Personnes âgées et leurs proches",
    description:
      "Les résidents, leurs familles et les professionnels préparent ensemble l'ordre du jour du conseil de la vie sociale, et chaque décision est expliquée en langage clair dans un affichage commun.",
    conditions: "Une animatrice dédiée, des réunions à des heures où les familles peuvent venir.",
    acteurs: "Résidents, familles, équipe de direction, animatrice.",
    resultats: "Davantage de propositions venues des résidents, retenues dans le projet d'établissement.",
    contact_nom: "Paul Pilote",
    contact_email: "pilote.grand-sud@atelier.test",
    themes: ["place-des-usagers"],
  },
  {
    ...common,
    projet: "Un accueil sans rendez-vous au centre social",
    etablissement: "Centre social",
    public: "Familles",
    description: "Deux matinées par semaine, les familles sont reçues sans rendez-vous par une travailleuse sociale et une bénévole pour leurs démarches.",
    conditions: "Un lieu connu du quartier et une équipe stable.",
    acteurs: "Centre social, CCAS, associations de quartier.",
    resultats: "Des démarches débloquées plus tôt, moins de non-recours aux droits.",
    contact_nom: "Marie Membre",
    contact_email: "membre.grand-sud@atelier.test",
    themes: ["exclusion-pauvrete-acces-aux-droits"],
  },
];

export async function seedDemoPractices(s: Services): Promise<void> {
  const [place] = await s.db.query<{ space_id: string; user_id: string }>(
    "SELECT s.id AS space_id, u.id AS user_id FROM spaces s, users u WHERE s.slug = 'grand-sud' AND u.email = 'pilote.grand-sud@atelier.test'",
  );
  if (!place) return;
  for (const { themes, ...form } of PRACTICES) {
    const row = await createDocument(
      s,
      { spaceId: place.space_id, title: form.projet, kind: "fiche-pratique", themes, userId: place.user_id, content: proposalContent(form) },
      (q, id) => s.bus.emit(q, "documentChanged", { documentId: id }),
    );
    await s.db.tx((q) => publishPractice(q, row, place.user_id));
  }
}
