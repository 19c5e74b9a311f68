/**
 * Demo livrables "transmis au national" from three territories (Nord keeps none: the dashboard shows a
 * territory without a livrable), with text in their sections, so
 * that the national team can build a synthèse nationale from the dashboard on a fresh install.
 */
import { contentUpdate, documentTemplate } from "@atelier/editor";
import type { DocumentStatus } from "@atelier/shared";
import type { Services } from "../context.js";
import { insertDocument } from "../documents/queries.js";
import { freezeVersion } from "../workflow/freeze.js";
import { recordChange } from "../workflow/queries.js";

interface DemoLivrable {
  space: string;
  author: string;
  title: string;
  themes: string[];
  /** The text under each heading of the livrable's template. */
  sections: Record<string, string>;
}

const LIVRABLES: DemoLivrable[] = [
  {
    space: "sud-ouest",
    author: "pilote.sud-ouest@atelier.test",
    title: "Livrable Sud-Ouest : l'aller-vers et l'accès aux droits",
    themes: ["place-des-usagers"],
    sections: {
      Contexte: "Quatre régions, six départements représentés et trois réunions du COPIL depuis le printemps.",
      "Premier état des lieux": "Les personnes les plus éloignées des droits ne viennent plus aux guichets : les équipes mobiles et les permanences itinérantes les rejoignent là où elles vivent.",
      "Pratiques inspirantes": "Le bus France services des Landes, avec un travailleur social présent chaque semaine.",
      "Leviers d'actions": "Financer durablement les équipes d'aller-vers et reconnaître ce temps dans les missions des travailleurs sociaux.",
    },
  },
  {
    space: "ouest",
    author: "admin@atelier.test",
    title: "Livrable Ouest : coordonner les acteurs autour de la personne",
    themes: [],
    sections: {
      Contexte: "Le COPIL Ouest a réuni départements, CAF, CCAS et associations lors de deux ateliers.",
      "Premier état des lieux": "Une même famille rencontre en moyenne cinq intervenants qui ne se parlent pas : le référent de parcours reste rare.",
      "Pratiques inspirantes": "Les réunions de concertation pluri-acteurs d'Ille-et-Vilaine, avec l'accord des personnes accompagnées.",
      "Leviers d'actions": "Généraliser le référent de parcours et partager un dossier unique, avec le consentement de la personne.",
    },
  },
  {
    space: "est",
    author: "admin@atelier.test",
    title: "Livrable Est : l'attractivité des métiers du travail social",
    themes: [],
    sections: {
      Contexte: "Enquête auprès de 400 professionnels et de douze centres de formation de la région.",
      "Premier état des lieux": "Un poste sur dix reste vacant plus de six mois ; les jeunes diplômés quittent le métier dans les cinq ans.",
      "Pratiques inspirantes": "Le tutorat des nouveaux professionnels par des pairs expérimentés, à Strasbourg.",
      "Leviers d'actions": "Revaloriser les salaires, ouvrir des parcours de formation continue et alléger les tâches administratives.",
    },
  },
];

/** The livrable template with each section's paragraph holding its text. */
function filled(sections: Record<string, string>): ReturnType<typeof documentTemplate> {
  const template = documentTemplate("livrable");
  let under: string | undefined;
  const content = (template.content ?? []).map((block) => {
    if (block.type === "heading") under = block.content?.[0]?.text;
    else if (block.type === "paragraph" && under && sections[under]) return { type: "paragraph", content: [{ type: "text", text: sections[under] }] };
    return block;
  });
  return { ...template, content };
}

const PATH: [DocumentStatus, DocumentStatus][] = [["brouillon", "en-relecture"], ["en-relecture", "valide"], ["valide", "transmis"]];

export async function seedDemoLivrables(s: Services): Promise<void> {
  for (const l of LIVRABLES) {
    await s.db.tx(async (q) => {
      const [place] = await q.query<{ space_id: string; user_id: string }>(
        "SELECT s.id AS space_id, u.id AS user_id FROM spaces s, users u WHERE s.slug = $1 AND u.email = $2",
        [l.space, l.author],
      );
      if (!place) return;
      const row = await insertDocument(s, q, {
        spaceId: place.space_id,
        title: l.title,
        kind: "livrable",
        themes: l.themes,
        userId: place.user_id,
        content: contentUpdate(filled(l.sections)),
      });
      for (const [from, to] of PATH) {
        await recordChange(q, { documentId: row.id, from, to, comment: "", actorId: place.user_id });
        if (to !== "en-relecture") await freezeVersion(s, q, { documentId: row.id, status: to, actorId: place.user_id, comment: "" });
      }
      await s.bus.emit(q, "documentChanged", { documentId: row.id });
    });
  }
}
