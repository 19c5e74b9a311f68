/**
 * Taking a person's words out of a document that quotes them (a questionnaire answer withdrawn by its
 * respondent): every blockquote quoting one of the texts is replaced by a short notice.
 *
 * The blocks are found by their text, not their position nor a mark: people co-edit the document
 * after it is written (they move the quotes, shorten them, add words inside or around them, comment
 * them), and the schema's blockquote carries no attribute that a client would keep. Compared word
 * for word (punctuation and case left aside), a blockquote quotes a text when it is the text, holds
 * it whole (words added around it), or is part of it (shortened, "[…]" marking the cuts); the last
 * two only from MIN_EXCERPT characters, so that another person's quote sharing a few common words
 * ("Oui", "Les usagers") is left alone.
 */
import type { JSONContent } from "@tiptap/core";
import * as Y from "yjs";
import { yBlocks } from "./synthesis.js";
import { CONTENT_FRAGMENT } from "./ydoc.js";

export const MIN_EXCERPT = 12;

/** What stands where a withdrawn quote was. */
export const WITHDRAWN_QUOTE = "Réponse retirée par la personne qui l'avait donnée.";

/** Words only: a shortened quote often ends or breaks where the answer had a comma. */
const normal = (text: string) =>
  text
    .normalize("NFC")
    .toLowerCase()
    .replace(/[\p{P}\p{S}]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim();

/** The text of a Yjs element, its blocks separated by a space. */
function textOf(item: Y.XmlElement | Y.XmlText): string {
  if (item instanceof Y.XmlText) return (item.toDelta() as { insert: unknown }[]).map((op) => (typeof op.insert === "string" ? op.insert : "")).join("");
  return item
    .toArray()
    .filter((c): c is Y.XmlElement | Y.XmlText => c instanceof Y.XmlElement || c instanceof Y.XmlText)
    .map(textOf)
    .join(" ");
}

function quotes(blockquote: string, texts: string[]): boolean {
  const bq = normal(blockquote);
  if (!bq) return false;
  const pieces = blockquote
    .split(/\[?(?:…|\.\.\.)\]?/)
    .map(normal)
    .filter((x) => x.length > 0);
  const excerpt = pieces.join("").length >= MIN_EXCERPT;
  return texts.some((t) => bq === t || (t.length >= MIN_EXCERPT && ` ${bq} `.includes(` ${t} `)) || (excerpt && pieces.every((x) => t.includes(x))));
}

/**
 * Replaces each blockquote of `ydoc` quoting one of `texts`, at any depth (a list, a table), by a
 * paragraph saying WITHDRAWN_QUOTE; returns how many. Call it inside a Yjs transaction.
 */
export function withdrawQuotes(ydoc: Y.Doc, texts: string[]): number {
  const wanted = texts.map(normal).filter((t) => t.length > 0);
  if (!wanted.length) return 0;
  const replacement: JSONContent = { type: "paragraph", content: [{ type: "text", text: WITHDRAWN_QUOTE, marks: [{ type: "italic" }] }] };
  let replaced = 0;
  const visit = (parent: Y.XmlFragment | Y.XmlElement) => {
    const children = parent.toArray();
    // From the end, so that a replacement leaves the indexes still to visit as they were.
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (!(child instanceof Y.XmlElement)) continue;
      if (child.nodeName === "blockquote" && quotes(textOf(child), wanted)) {
        parent.delete(i, 1);
        parent.insert(i, yBlocks([replacement]));
        replaced++;
      } else visit(child);
    }
  };
  visit(ydoc.getXmlFragment(CONTENT_FRAGMENT));
  return replaced;
}
