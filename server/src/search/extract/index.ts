/**
 * Text of a library file for the search index. The indexer hands a file on disk (copied out of
 * storage); what comes back is the text, by page when the format has pages (PDF), or the reason, in
 * French, why it could not be read ("contenu non indexé : …"). A hostile or broken file fails alone:
 * the reading happens in a child process with limits (sandbox.ts). The format is told by the bytes
 * (detect.ts); the declared type and name only tell HTML from plain text.
 */
import { Sandbox } from "./sandbox.js";

export type Extracted = { ok: true; text: string; pages: string[] | null } | { ok: false; reason: string };

/** What one extraction may take; past any of them it fails with its reason. */
export interface ExtractLimits {
  timeoutMs: number;
  /** Heap of the extraction process; a zip may inflate to a quarter of it. */
  memoryMb: number;
  /** Characters kept; the rest of a longer text is cut, not an error. */
  maxChars: number;
  /** Size of a binary file (PDF, office) past which it is not read at all. */
  maxBytes?: number;
}

const MAX_BYTES = 100 * 1024 * 1024;
export const DEFAULT_LIMITS: ExtractLimits = { timeoutMs: 30_000, memoryMb: 256, maxChars: 2_000_000, maxBytes: MAX_BYTES };

/** What the child process is asked to do. */
export interface Job {
  file: string;
  mime: string;
  name: string;
  limits: Required<ExtractLimits>;
}

/** What the child process answers: the result, or why it could not even open the file. */
export type Answer = Extracted | { error: string };

let sandbox: Sandbox | undefined;

/** Rejects only when the file cannot be opened or no extraction process starts: not the file's content. */
export async function extractText(file: string, mime: string, name: string, limits: ExtractLimits = DEFAULT_LIMITS): Promise<Extracted> {
  sandbox ??= new Sandbox();
  return sandbox.run({ file, mime, name, limits: { ...limits, maxBytes: limits.maxBytes ?? MAX_BYTES } });
}
