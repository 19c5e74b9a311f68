/**
 * The real format of a file, from its first bytes: a name or a declared type may lie (a "PDF" that
 * is a DOCX is read as a DOCX; random bytes called "rapport.pdf" are not read at all). The declared
 * type and the name only tell HTML from plain text once the bytes are known to be text.
 */
export type Format = "pdf" | "zip" | "ole" | "html" | "text" | "binary";

/** How many first bytes decide. */
export const HEAD_BYTES = 64 * 1024;

const startsWith = (head: Buffer, hex: string) => head.subarray(0, hex.length / 2).equals(Buffer.from(hex, "hex"));

/** Text has no NUL byte (UTF-16 text, rare in a library, is told by its byte-order mark). */
export const looksLikeText = (head: Buffer) => startsWith(head, "fffe") || startsWith(head, "feff") || !head.includes(0);

const MARKUP = /^(<!--[^]*?-->\s*)*(<!doctype html|<html[\s>]|<head[\s>]|<body[\s>])/i;

export function detect(head: Buffer, mime: string, name: string): Format {
  // PDF readers accept binary junk before the header, within the first kilobyte (a text about PDF is text).
  const pdf = head.subarray(0, 1024).indexOf("%PDF-");
  if (pdf === 0 || (pdf > 0 && !looksLikeText(head.subarray(0, pdf)))) return "pdf";
  if (startsWith(head, "504b0304") || startsWith(head, "504b0506")) return "zip";
  // OLE compound file: legacy .doc/.xls/.ppt, or an OOXML file saved with a password.
  if (startsWith(head, "d0cf11e0a1b11ae1")) return "ole";
  if (!looksLikeText(head)) return "binary";
  const start = head.subarray(0, 2048).toString("latin1").replace(/^(\xef\xbb\xbf)?\s*/, "");
  if (MARKUP.test(start) || mime === "text/html" || /\.x?html?$/i.test(name)) return "html";
  return "text";
}
