/**
 * The national synthesis: a document of the synthèse template whose sections gather the matching
 * sections of source documents, each under a level-3 heading naming its committee (the "label").
 *
 * Matching: a source's section is a top-level heading and what follows it up to the next heading of
 * the same or a higher level. Its heading is compared, without case, accents or punctuation, with
 * the names each synthèse section takes in the templates (the livrable's "Premier état des lieux" is
 * a diagnostic; the diagnostic's "Préconisations, propositions, attentes" are levers…). Several
 * matching sections are gathered one after the other. A source without a matching section, or
 * with an empty one, still gets its heading, followed by a sentence saying so, so that a reader
 * sees which committee said nothing there rather than a silent gap.
 *
 * The gathered headings of a source go down under its label (a source's h3 becomes an h4), so
 * that a label's block ends at the next heading of level 3 or less: that is how a refresh finds
 * the block again and replaces it, leaving everything else the national team wrote untouched.
 */
import { slugify } from "@atelier/shared";
import type { JSONContent } from "@tiptap/core";
import type { Node } from "@tiptap/pm/model";
import { prosemirrorJSONToYDoc } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import { getEditorSchema } from "./schema.js";
import { CONTENT_FRAGMENT } from "./ydoc.js";

export interface SynthesisSection {
  title: string;
  /** The headings of the other templates gathered here, as written there. */
  from: string[];
}

export const SYNTHESIS_SECTIONS: readonly SynthesisSection[] = [
  { title: "Diagnostic partagé", from: ["Premier état des lieux", "Éléments de diagnostic, constats et analyses partagés"] },
  { title: "Pratiques inspirantes", from: ["Pratiques proposées comme inspirantes"] },
  { title: "Leviers d'actions", from: ["Préconisations, propositions, attentes"] },
];

const LABEL_LEVEL = 3;
const key = (heading: string) => slugify(heading.replace(/[’‘]/g, "'"));
const sectionOf = new Map(SYNTHESIS_SECTIONS.flatMap((s) => [s.title, ...s.from].map((h) => [key(h), s.title] as const)));

/** The synthèse section a source's heading belongs to, if any. */
export const synthesisSectionFor = (heading: string): string | undefined => sectionOf.get(key(heading));

export interface GatheredSource {
  /** The heading the source's text stands under: its committee's name and its title. */
  label: string;
  /** The source's content, as stored (a version's snapshot). */
  doc: Node;
}

const text = (value: string): JSONContent => ({ type: "text", text: value });
const heading = (level: number, value: string): JSONContent => ({ type: "heading", attrs: { level }, content: [text(value)] });
const note = (value: string): JSONContent => ({ type: "paragraph", content: [{ ...text(value), marks: [{ type: "italic" }] }] });

const isHeading = (n: Node) => n.type.name === "heading";
const hasContent = (blocks: Node[]) => blocks.some((b) => b.textContent.trim() !== "" || b.type.name === "image" || b.type.name === "horizontalRule");

/** The body of every section of `doc` matching each synthèse section, headings moved under the label. */
function sectionsOf(doc: Node): Map<string, Node[]> {
  const found = new Map<string, Node[]>();
  const blocks = doc.content.content;
  for (let i = 0; i < blocks.length; i++) {
    const start = blocks[i]!;
    const title = isHeading(start) ? synthesisSectionFor(start.textContent) : undefined;
    if (!title) continue;
    const level = start.attrs.level as number;
    const body: Node[] = [];
    for (let j = i + 1; j < blocks.length; j++) {
      const b = blocks[j]!;
      if (isHeading(b) && (b.attrs.level as number) <= level) break;
      body.push(isHeading(b) ? b.type.create({ ...b.attrs, level: Math.min(6, LABEL_LEVEL + (b.attrs.level as number) - level) }, b.content, b.marks) : b);
    }
    found.set(title, [...(found.get(title) ?? []), ...body]);
  }
  return found;
}

/** Per synthèse section, the blocks a source brings there: its label, then its text or why there is none. */
export function gatheredBlocks(source: GatheredSource): Map<string, JSONContent[]> {
  const sections = sectionsOf(source.doc);
  return new Map(
    SYNTHESIS_SECTIONS.map(({ title }) => {
      const body = sections.get(title);
      const content = !body
        ? [note(`Ce document n'a pas de section « ${title} ».`)]
        : hasContent(body)
          ? body.map((b) => b.toJSON() as JSONContent)
          : [note(`La section « ${title} » de ce document est vide.`)];
      return [title, [heading(LABEL_LEVEL, source.label), ...content]];
    }),
  );
}

/** The content (ProseMirror JSON) of a new synthèse of these sources, checked against the editor's schema. */
export function synthesisContent(sources: GatheredSource[]): JSONContent {
  const gathered = sources.map(gatheredBlocks);
  const content = SYNTHESIS_SECTIONS.flatMap(({ title }) => [heading(2, title), ...gathered.flatMap((g) => g.get(title)!)]);
  const json: JSONContent = { type: "doc", content };
  getEditorSchema().nodeFromJSON(json).check();
  return json;
}

// ——— Refreshing a source in a synthèse that people have been writing in ———

function headingOf(item: unknown): { level: number; text: string } | null {
  if (!(item instanceof Y.XmlElement) || item.nodeName !== "heading") return null;
  const level = Number(item.getAttribute("level"));
  const text = item
    .toArray()
    .map((c) => (c instanceof Y.XmlText ? (c.toDelta() as { insert: unknown }[]).map((op) => (typeof op.insert === "string" ? op.insert : "")).join("") : ""))
    .join("");
  return { level, text };
}

/** These blocks as Yjs elements ready to insert in another document. */
export function yBlocks(blocks: JSONContent[]): Y.XmlElement[] {
  const temp = prosemirrorJSONToYDoc(getEditorSchema(), { type: "doc", content: blocks }, CONTENT_FRAGMENT);
  const out = temp.getXmlFragment(CONTENT_FRAGMENT).toArray().map((c) => (c as Y.XmlElement).clone());
  temp.destroy();
  return out;
}

/**
 * Replaces, in each section of the synthèse, the block under the heading `previousLabel` (from it
 * to the next heading of level 3 or less) by what the source brings now; a new source (null), or a block no longer found
 * (its heading was renamed or removed) is added at the end of its section, and a section no
 * longer found is added at the end of the document. Everything else stays as written. Call it
 * inside a Yjs transaction.
 */
export function replaceGathered(ydoc: Y.Doc, previousLabel: string | null, source: GatheredSource): void {
  const fragment = ydoc.getXmlFragment(CONTENT_FRAGMENT);
  const wantedLabel = previousLabel === null ? null : key(previousLabel);
  for (const [title, blocks] of gatheredBlocks(source)) {
    const items = fragment.toArray().map(headingOf);
    const start = items.findIndex((h) => h !== null && h.level <= 2 && key(h.text) === key(title));
    if (start < 0) {
      fragment.insert(fragment.length, yBlocks([heading(2, title), ...blocks]));
      continue;
    }
    let end = items.findIndex((h, i) => i > start && h !== null && h.level <= 2);
    if (end < 0) end = items.length;
    const at = items.findIndex((h, i) => i > start && i < end && h !== null && h.level === LABEL_LEVEL && key(h.text) === wantedLabel);
    if (at < 0) {
      fragment.insert(end, yBlocks(blocks));
      continue;
    }
    let stop = items.findIndex((h, i) => i > at && h !== null && h.level <= LABEL_LEVEL);
    if (stop < 0 || stop > end) stop = end;
    fragment.delete(at, stop - at);
    fragment.insert(at, yBlocks(blocks));
  }
}
