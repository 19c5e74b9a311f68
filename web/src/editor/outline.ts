import type { Node } from "@tiptap/pm/model";

export interface OutlineEntry {
  level: number;
  text: string;
  /** Position of the heading in the document. */
  pos: number;
}

/** The headings of a document, in order (top-level ones: headings are not nested in this schema's blocks). */
export function outline(doc: Node): OutlineEntry[] {
  const entries: OutlineEntry[] = [];
  doc.forEach((node, offset) => {
    if (node.type.name === "heading" && node.textContent.trim()) {
      entries.push({ level: node.attrs.level as number, text: node.textContent, pos: offset });
    }
  });
  return entries;
}

/** Words in a text, as a word processor counts them (apostrophes and hyphens join, punctuation alone does not count). */
export function countWords(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}
