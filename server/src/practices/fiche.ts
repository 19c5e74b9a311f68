/**
 * A fiche pratique's fields, both ways: read from the co-written document (each field is a level-2
 * heading of its template, followed by its text), and written into a new draft from a proposal.
 */
import { contentUpdate, docToNode, getEditorSchema, nodeToHtml, type JSONContent } from "@atelier/editor";
import { consentOf, PRACTICE_FIELDS, practiceFieldLabel, programme, type PracticeFieldKey, type PracticeProposalForm } from "@atelier/shared";
import type { Node } from "@tiptap/pm/model";
import type * as Y from "yjs";

export interface FicheField {
  label: string;
  /** Safe HTML (the editor's own rendering, every text escaped). */
  html: string;
  text: string;
}

const squash = (v: string) => v.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();
const LABELS = new Map(PRACTICE_FIELDS.map((f) => [squash(f.label), f]));

const textOf = (node: Node) => node.textBetween(0, node.content.size, "\n\n", "\n").replace(/\n{3,}/g, "\n\n").trim();

/**
 * The fields the document holds, by key: the text under each field's heading up to the next
 * field's heading (headings renamed or added by the writers stay inside the field they follow).
 * `html`: how a field's text is rendered (a published one shows its images from the site).
 */
export function ficheFields(ydoc: Y.Doc, html: (body: Node) => string = nodeToHtml): Map<PracticeFieldKey, FicheField> {
  const doc = docToNode(ydoc);
  const schema = getEditorSchema();
  const out = new Map<PracticeFieldKey, FicheField>();
  let current: { key: PracticeFieldKey; label: string; nodes: Node[] } | null = null;
  const close = () => {
    if (!current) return;
    const body = current.nodes.length ? schema.topNodeType.create(null, current.nodes) : null;
    const text = body ? textOf(body) : "";
    out.set(current.key, { label: current.label, text, html: body && text ? html(body) : "" });
  };
  doc.forEach((node) => {
    const field = node.type.name === "heading" && node.attrs.level === 2 ? LABELS.get(squash(node.textContent)) : undefined;
    if (field && !out.has(field.key) && current?.key !== field.key) {
      close();
      current = { key: field.key, label: field.label, nodes: [] };
    } else current?.nodes.push(node);
  });
  close();
  return out;
}

export const ficheConsent = (fields: Map<PracticeFieldKey, FicheField>) => consentOf(fields.get("accord")?.text ?? "");

const paragraphs = (value: string): JSONContent[] =>
  value.trim()
    ? value
        .trim()
        .split(/\n{2,}/)
        .map((p) => ({ type: "paragraph", content: p.split("\n").flatMap((line, i) => [...(i ? [{ type: "hardBreak" }] : []), ...(line ? [{ type: "text", text: line }] : [])]) }))
    : [{ type: "paragraph" }];

/** Each field of a proposal as the author wrote it, in the programme's order (the contact in one line). */
export function proposalTexts(f: PracticeProposalForm): { key: PracticeFieldKey; label: string; text: string }[] {
  const values: Record<PracticeFieldKey, string> = {
    projet: f.projet,
    territoire: programme.territories.find((t) => t.slug === f.territoire)?.name ?? f.territoire,
    etablissement: f.etablissement,
    public: f.public,
    description: f.description,
    conditions: f.conditions,
    difficultes: f.difficultes,
    acteurs: f.acteurs,
    resultats: f.resultats,
    criteres: f.criteres,
    accord: f.accord,
    contact: [f.contact_nom, f.contact_email, f.contact_fonction].filter(Boolean).join(", "),
    commentaires: f.commentaires,
  };
  return PRACTICE_FIELDS.map(({ key }) => ({ key, label: practiceFieldLabel(key), text: values[key] }));
}

/** The first content of the draft fiche a proposal becomes: the template's headings, filled. */
export function proposalContent(f: PracticeProposalForm): Uint8Array {
  const content = proposalTexts(f).flatMap(({ label, text }) => [
    { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: label }] },
    ...paragraphs(text),
  ]);
  return contentUpdate({ type: "doc", content });
}
