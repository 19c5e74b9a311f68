/**
 * GET /api/files/:id/preview: an office file of the library (DOCX, ODT, XLSX/ODS, PPTX/ODP) as
 * sanitised HTML, for whoever may read the file (the policy decides, as for its download). The
 * conversion runs in a child process with time, memory and size limits (../sandbox); a
 * hostile or broken file gets a 422 naming why. What comes back keeps text, headings, lists and
 * tables only: no script, no style, no image, no link out (the web app shows it inside its own page,
 * whose security policy loads nothing from elsewhere either).
 */
import { hasHtmlPreview, type FilePreviewReply } from "@atelier/shared";
import { Hono } from "hono";
import { mkdtemp, rm } from "node:fs/promises";
import { createWriteStream } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import sanitizeHtml from "sanitize-html";
import type { AppEnv, Services } from "../context.js";
import { HttpError } from "../http/errors.js";
import { readableFile, requireActor } from "../policy/index.js";
import { childModule, Sandbox, type JobLimits } from "../sandbox/index.js";
import { REASONS } from "./preview-reasons.js";

export interface PreviewJob {
  file: string;
  mime: string;
  limits: JobLimits;
}
export type PreviewAnswer = { ok: true; html: string } | { ok: false; reason: string };

const LIMITS: PreviewJob["limits"] = { timeoutMs: 20_000, memoryMb: 256 };
/** Larger files are not previewed (nor copied out of storage to try). */
const MAX_BYTES = 50 * 1024 * 1024;
const FAILURES = { slow: REASONS.slow, tooBig: REASONS.bomb, damaged: REASONS.damaged } as const;
let pool: Sandbox<PreviewJob, PreviewAnswer> | undefined;
const previews = () =>
  (pool ??= new Sandbox<PreviewJob, PreviewAnswer>(childModule("preview-child", import.meta.url), (why) => ({
    ok: false,
    reason: FAILURES[why],
  })));

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: ["h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "ul", "ol", "li", "table", "thead", "tbody", "tr", "td", "th", "strong", "em", "u", "s", "sub", "sup", "blockquote", "section"],
  allowedAttributes: { td: ["colspan", "rowspan"], th: ["colspan", "rowspan"] },
  disallowedTagsMode: "discard",
};

const unreadable = (reason: string) =>
  new HttpError(422, "unreadable_file", `Aperçu impossible : ${reason}. Téléchargez le fichier pour l'ouvrir.`);

export function previewRoutes(s: Services) {
  const app = new Hono<AppEnv>();

  app.get("/files/:id/preview", async (c) => {
    const actor = requireActor(c.get("user"));
    const { file } = await readableFile(s.db, actor, c.req.param("id"));
    if (!hasHtmlPreview(file.mime_type)) {
      throw new HttpError(415, "no_preview", "Ce type de fichier n'a pas d'aperçu : téléchargez-le pour l'ouvrir.");
    }
    if (file.size > MAX_BYTES) throw unreadable(REASONS.tooBig);
    const dir = await mkdtemp(path.join(os.tmpdir(), "atelier-preview-"));
    try {
      const copy = path.join(dir, "file");
      await pipeline(await s.storage.get(file.storage_key), createWriteStream(copy));
      const answer = await previews().run({ file: copy, mime: file.mime_type, limits: LIMITS });
      if (!answer.ok) throw unreadable(answer.reason);
      c.header("cache-control", "private, no-store");
      return c.json({ html: sanitizeHtml(answer.html, SANITIZE) } satisfies FilePreviewReply);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  return app;
}
