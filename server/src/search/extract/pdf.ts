/**
 * PDF text, page by page, with PDF.js (the serverless build unpdf ships, no canvas). Pages are read
 * one at a time so a long PDF stops at the character budget instead of being read to the end.
 */
import { getDocumentProxy } from "unpdf";
import { tidy } from "./sink.js";
import { REASONS, Unreadable } from "./unreadable.js";

export async function pdfPages(data: Uint8Array, maxChars: number): Promise<string[]> {
  const pdf = await getDocumentProxy(data, { verbosity: 0, isEvalSupported: false }).catch((e: unknown) => {
    throw new Unreadable(e instanceof Error && e.name === "PasswordException" ? REASONS.encrypted : REASONS.damaged);
  });
  const pages: string[] = [];
  let room = maxChars;
  for (let n = 1; n <= pdf.numPages && room > 0; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    const text = tidy(content.items.map((item) => ("str" in item ? item.str + (item.hasEOL ? "\n" : "") : "")).join(""));
    pages.push(text.slice(0, room));
    room -= text.length;
  }
  await pdf.destroy();
  if (pages.length > 0 && pages.every((page) => page === "")) throw new Unreadable(REASONS.noText);
  return pages;
}
