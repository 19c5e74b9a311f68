/**
 * The file's comments placed in the imported text: their markers (./convert/comments.ts) taken out
 * of the document, and each comment's passage kept as ProseMirror positions of the clean document,
 * for the comments capability to open a thread there (the `documentCommentsImported` event).
 */
import { getEditorSchema, type JSONContent } from "@atelier/editor";
import { COMMENT_MAX_CHARS, QUOTE_MAX_CHARS } from "@atelier/shared";
import { Node } from "@tiptap/pm/model";
import { Transform } from "@tiptap/pm/transform";
import { MARKS, readMark } from "./convert/comments.js";
import type { ImportedComment } from "./convert/index.js";

export interface PlacedComment {
  from: number;
  to: number;
  quote: string;
  /** The thread's first comment: who wrote it in the file, and what. */
  body: string;
}

const bodyOf = (c: ImportedComment) =>
  `${c.author ? `Commentaire de ${c.author}` : "Commentaire du fichier"} : ${c.text || "(sans texte)"}`.slice(0, COMMENT_MAX_CHARS);

/** The document without markers, the comments whose passage holds text, and how many had none left. */
export function placeComments(json: JSONContent, comments: ImportedComment[]): { doc: JSONContent; placed: PlacedComment[]; unplaced: number } {
  const doc = Node.fromJSON(getEditorSchema(), json);
  const marks: Array<{ pos: number; length: number; n: number; end: boolean }> = [];
  doc.descendants((node, pos) => {
    if (!node.isText) return true;
    for (const m of node.text!.matchAll(MARKS)) marks.push({ pos: pos + m.index, length: m[0].length, ...readMark(m[0]) });
    return false;
  });
  if (!marks.length) return { doc: json, placed: [], unplaced: comments.length };
  const tr = new Transform(doc);
  for (const m of [...marks].reverse()) tr.delete(m.pos, m.pos + m.length);
  // A passage starts after its start marker and ends before its end marker.
  const start = new Map(marks.filter((m) => !m.end).map((m) => [m.n, tr.mapping.map(m.pos + m.length)]));
  const end = new Map(marks.filter((m) => m.end).map((m) => [m.n, tr.mapping.map(m.pos)]));
  const placed: PlacedComment[] = [];
  comments.forEach((c, n) => {
    const from = start.get(n);
    const to = end.get(n);
    const quote = from !== undefined && to !== undefined && to > from ? tr.doc.textBetween(from, to, " ").trim() : "";
    if (quote) placed.push({ from: from!, to: to!, quote: quote.slice(0, QUOTE_MAX_CHARS), body: bodyOf(c) });
  });
  return { doc: tr.doc.toJSON() as JSONContent, placed, unplaced: comments.length - placed.length };
}
