import { headingAnchors, type HeadingAnchor } from "@atelier/editor";
import type { Node } from "@tiptap/pm/model";

export type OutlineEntry = HeadingAnchor;

/** The headings of a document, in order, each with the anchor a link to it uses. */
export const outline = (doc: Node): OutlineEntry[] => headingAnchors(doc);

/** Words in a text, as a word processor counts them (apostrophes and hyphens join, punctuation alone does not count). */
export function countWords(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}
