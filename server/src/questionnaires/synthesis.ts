/**
 * The "synthèse des principales problématiques": a new document of the space whose text quotes the
 * answers the committee chose, each under its group of actors. Written as the editor's JSON, stored
 * through the documents capability's createDocument like any new document.
 */
import type { JSONContent } from "@atelier/editor";
import type { AnswerRow, QuestionnaireRow } from "./queries.js";

const t = (text: string): JSONContent => ({ type: "text", text });
const paragraph = (text: string): JSONContent => (text ? { type: "paragraph", content: [t(text)] } : { type: "paragraph" });
const heading = (level: number, text: string): JSONContent => ({ type: "heading", attrs: { level }, content: [t(text)] });
/** A quote keeps the respondent's line breaks as paragraphs. */
const quote = (text: string): JSONContent => ({ type: "blockquote", content: text.split(/\r?\n/).map(paragraph) });

export function synthesisContent(qn: QuestionnaireRow, answers: AnswerRow[]): JSONContent {
  const content: JSONContent[] = [
    heading(1, "Synthèse des principales problématiques"),
    paragraph(`D'après ${answers.length} réponse${answers.length > 1 ? "s" : ""} au questionnaire « ${qn.title} ».`),
  ];
  answers.forEach((a, n) => {
    // Only the group of actors: the respondent's details stay in the answer, where their retention applies.
    content.push(heading(2, `Réponse ${n + 1} — ${a.actor_group}`));
    qn.questions.forEach((question, i) => {
      if (!a.answers[i]) return;
      content.push(heading(3, question), quote(a.answers[i]));
    });
    if (a.comment) content.push(heading(3, "Commentaire libre"), quote(a.comment));
  });
  content.push(heading(2, "Principales problématiques"), paragraph(""));
  return { type: "doc", content };
}
