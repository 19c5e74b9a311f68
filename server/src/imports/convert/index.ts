/**
 * A file made into a document of the editor schema, in a child process with limits (../../sandbox):
 * a hostile file (zip bomb, deep nesting, external entities, a huge image) fails alone, with its
 * reason in French, before anything is written.
 */
import { childModule, Sandbox } from "../../sandbox/index.js";
import { REASONS } from "./refused.js";
import type { ConvertJob, Converted } from "./types.js";

export type { Converted, ImportedComment, ImportedImage } from "./types.js";

const CHILD = childModule("child", import.meta.url);
export const CONVERT_LIMITS: ConvertJob["limits"] = { timeoutMs: 30_000, memoryMb: 256, inflatedBytes: 64 * 1024 * 1024 };

let sandbox: Sandbox<ConvertJob, Converted> | undefined;

/** Rejects only when no conversion process starts or the file cannot be opened: not for the file's content. */
export function convertFile(file: string, format: ConvertJob["format"], limits = CONVERT_LIMITS): Promise<Converted> {
  sandbox ??= new Sandbox<ConvertJob, Converted>(CHILD, (why) => ({ ok: false, reason: REASONS[why] }));
  return sandbox.run({ file, format, limits });
}
