import { DOCUMENT_KINDS, programme, type DocumentKind } from "@atelier/shared";
import type { JSONContent } from "@tiptap/core";

/** The document kinds written in the editor: those of the documents API (a "ressource" is an uploaded file). */
export const TEMPLATE_KINDS = DOCUMENT_KINDS;
export type TemplateKind = DocumentKind;

export const isTemplateKind = (kind: string): kind is TemplateKind => (TEMPLATE_KINDS as readonly string[]).includes(kind);

const text = (value: string): JSONContent => ({ type: "text", text: value });
const heading = (title: string): JSONContent => ({ type: "heading", attrs: { level: 2 }, content: [text(title)] });
const paragraph = (value?: string): JSONContent => (value ? { type: "paragraph", content: [text(value)] } : { type: "paragraph" });
const listItem = (value?: string): JSONContent => ({ type: "listItem", content: [paragraph(value)] });
const taskItem = (value: string): JSONContent => ({ type: "taskItem", attrs: { checked: false }, content: [paragraph(value)] });
const cell = (type: "tableHeader" | "tableCell", value?: string): JSONContent => ({ type, content: [paragraph(value)] });
const row = (type: "tableHeader" | "tableCell", values: (string | undefined)[]): JSONContent => ({
  type: "tableRow",
  content: values.map((v) => cell(type, v)),
});

/** A section: a level-2 heading (listed in the table of contents) followed by its body, an empty paragraph by default. */
const section = (title: string, ...body: JSONContent[]): JSONContent[] => [heading(title), ...(body.length ? body : [paragraph()])];

const doc = (...sections: JSONContent[][]): JSONContent => ({ type: "doc", content: sections.flat() });

// Section titles follow the programme's documents (../shared/fixtures/egts): the 1st livrable and the regional
// synthèse are named there; the diagnostic follows the "éléments de diagnostic / préconisations / pratiques" of the
// Sud-Ouest bilan; the fiche pratique is the fiche projet of the questionnaire.
const builders: Record<TemplateKind, () => JSONContent> = {
  livrable: () =>
    doc(
      section("Contexte"),
      section("Premier état des lieux"),
      section("Pratiques inspirantes"),
      section("Leviers d'actions"),
      section("Annexes"),
    ),
  diagnostic: () =>
    doc(
      section("Démarche et acteurs associés", {
        type: "taskList",
        content: programme.actors.map(taskItem),
      }),
      section("Éléments de diagnostic, constats et analyses partagés"),
      section("Préconisations, propositions, attentes"),
      section("Pratiques proposées comme inspirantes"),
    ),
  synthese: () => doc(section("Diagnostic partagé"), section("Pratiques inspirantes"), section("Leviers d'actions")),
  "compte-rendu": () =>
    doc(
      section("Date de la réunion"),
      section("Participants", { type: "bulletList", content: [listItem()] }),
      section("Ordre du jour", { type: "orderedList", attrs: { start: 1 }, content: [listItem()] }),
      section("Relevé de décisions", {
        type: "table",
        content: [row("tableHeader", ["Décision", "Responsable", "Échéance"]), row("tableCell", [undefined, undefined, undefined])],
      }, paragraph()),
    ),
  "fiche-pratique": () => doc(...programme.fichePratiqueFields.map((field) => section(field))),
};

/** One line per kind saying what its template holds, shown where a person picks the kind of a new document. */
export const TEMPLATE_DESCRIPTIONS: Record<TemplateKind, string> = {
  livrable: "Le livrable du COPIL : contexte, premier état des lieux, pratiques inspirantes, leviers d'actions et annexes.",
  diagnostic:
    "Démarche et acteurs associés, éléments de diagnostic, préconisations et pratiques proposées comme inspirantes.",
  synthese: "La synthèse régionale : diagnostic partagé, pratiques inspirantes et leviers d'actions.",
  "compte-rendu": "Date de la réunion, participants, ordre du jour et tableau du relevé de décisions.",
  "fiche-pratique": "La fiche projet d'une pratique inspirante, rubrique par rubrique, à compléter.",
};

/** The starting content (ProseMirror JSON) of a new document of this kind. */
export function documentTemplate(kind: TemplateKind): JSONContent {
  return builders[kind]();
}
