/**
 * Exports are written in a child process with a time and memory limit (../sandbox): a long
 * document with large images takes its memory there, not in the server, and one that takes too long
 * fails alone with a French message.
 */
import type { ExportFormat } from "@atelier/shared";
import { childModule, Sandbox, type JobLimits } from "../sandbox/index.js";
import { HttpError } from "../http/errors.js";
import type { ExportImage, ExportSource } from "./source.js";
import { log } from "../logging/logger.js";

/** What crosses to the child: the tree as JSON, the images as pairs (structured cloning keeps the bytes). */
export interface ConversionJob {
  format: ExportFormat;
  source: Omit<ExportSource, "doc" | "images"> & { doc: Record<string, unknown>; images: [string, ExportImage][] };
  limits: JobLimits;
}

export type ConversionAnswer = { ok: true; bytes: Uint8Array } | { ok: false; reason: string };

const LIMITS: JobLimits = { timeoutMs: 60_000, memoryMb: 512 };

const FAILURES = { slow: "trop long à produire", tooBig: "trop volumineux", damaged: "erreur de conversion" } as const;
const pool = new Sandbox<ConversionJob, ConversionAnswer>(childModule("child", import.meta.url), (why) => ({
  ok: false,
  reason: FAILURES[why],
}));

export async function convert(format: ExportFormat, source: ExportSource): Promise<Uint8Array> {
  const answer = await pool.run({
    format,
    source: { ...source, doc: source.doc.toJSON() as Record<string, unknown>, images: [...source.images] },
    limits: LIMITS,
  });
  if (!answer.ok) {
    log.warn(`[export] ${format} : ${answer.reason}`);
    throw new HttpError(503, "export_failed", `L'export n'a pas pu être produit (${answer.reason}). Réessayez dans un moment ou choisissez un autre format.`);
  }
  return answer.bytes;
}
