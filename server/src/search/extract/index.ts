/**
 * Text of a library file for the search index. The indexer hands a file on disk (copied out of
 * storage); what comes back is the text, by page when the format has pages (PDF), or the reason, in
 * French, why it could not be read ("contenu non indexé : …"). A hostile or broken file fails alone:
 * the reading happens in a child process with limits (../../sandbox). The format is told by the bytes
 * (detect.ts); the declared type and name only tell HTML from plain text.
 */
import { childModule, Sandbox } from "../../sandbox/index.js";
import type { Extracted, ExtractLimits, Job } from "./types.js";
import { REASONS } from "./unreadable.js";

export type { Extracted, ExtractLimits } from "./types.js";

const MAX_BYTES = 100 * 1024 * 1024;
export const DEFAULT_LIMITS: ExtractLimits = { timeoutMs: 30_000, memoryMb: 256, maxChars: 2_000_000, maxBytes: MAX_BYTES };

const CHILD = childModule("child", import.meta.url);
let sandbox: Sandbox<Job, Extracted> | undefined;

/** Rejects only when the file cannot be opened or no extraction process starts: not the file's content. */
export async function extractText(file: string, mime: string, name: string, limits: ExtractLimits = DEFAULT_LIMITS): Promise<Extracted> {
  sandbox ??= new Sandbox<Job, Extracted>(CHILD, (why) => ({ ok: false, reason: REASONS[why] }));
  return sandbox.run({ file, mime, name, limits: { ...limits, maxBytes: limits.maxBytes ?? MAX_BYTES } });
}
