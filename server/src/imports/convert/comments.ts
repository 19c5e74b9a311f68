/**
 * The comments of a DOCX or ODT, carried through the conversion as markers in the text: one
 * character of Unicode's private use plane 15 where each comment's passage starts, another where it
 * ends. They survive every HTML step and the schema's parse as plain text; the server takes them
 * out again (../comments.ts) and anchors a comment thread between them.
 */
import type { ImportedComment } from "./types.js";

/** More than a text ever carries; the others are counted as not kept. */
export const MAX_COMMENTS = 2000;
const PLANE = 0xf0000;

export const startMark = (n: number) => String.fromCodePoint(PLANE + 2 * n);
export const endMark = (n: number) => String.fromCodePoint(PLANE + 2 * n + 1);
/** Every marker, and any such character the file itself held (nobody types them). */
export const MARKS = /[\u{F0000}-\u{FFFFD}]/gu;

/** What a marker stands for: the start or the end of comment `n`. */
export function readMark(char: string): { n: number; end: boolean } {
  const code = char.codePointAt(0)! - PLANE;
  return { n: code >> 1, end: (code & 1) === 1 };
}

/** The comments of a file in the order their markers were numbered, and how many had to be left out. */
export class Comments {
  readonly list: ImportedComment[] = [];
  overflow = 0;

  /** The number of this comment's markers, or null past MAX_COMMENTS. */
  add(comment: ImportedComment): number | null {
    if (this.list.length >= MAX_COMMENTS) {
      this.overflow++;
      return null;
    }
    this.list.push(comment);
    return this.list.length - 1;
  }
}
