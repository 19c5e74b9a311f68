/**
 * The conversion process (see ../../sandbox): reads one file at a time, as the parent asks, and
 * answers with the document of the editor schema, its images and what was not kept, or the reason
 * the file could not be read. It holds no credential and may be killed at any time.
 */
import { readFile } from "node:fs/promises";
import { ATTACHMENT_PATH } from "@atelier/shared";
import { marked } from "marked";
import { Comments } from "./comments.js";
import { docxToHtml } from "./docx.js";
import { htmlToDoc, Images } from "./html.js";
import { odtToHtml } from "./odt.js";
import { REASONS, Refused } from "./refused.js";
import type { ConvertJob, Converted } from "./types.js";
import { readZip } from "./zip.js";

function utf8(data: Buffer): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(data);
  } catch {
    throw new Refused(REASONS.notText);
  }
}

async function toHtml({ format, limits }: ConvertJob, data: Buffer, images: Images, comments: Comments, dropped: string[]): Promise<string> {
  if (format === "markdown") return marked.parse(utf8(data), { async: false, gfm: true });
  if (format === "html") return utf8(data);
  const parts = await readZip(data, limits.inflatedBytes);
  return format === "docx" ? docxToHtml(data, parts, images, comments, dropped) : odtToHtml(parts, images, comments, dropped);
}

async function convert(job: ConvertJob): Promise<Converted> {
  const data = await readFile(job.file);
  const images = new Images();
  const comments = new Comments();
  const dropped: string[] = [];
  const doc = htmlToDoc(await toHtml(job, data, images, comments, dropped), images, dropped);
  if (comments.overflow) dropped.push(`${comments.overflow} commentaire${comments.overflow > 1 ? "s" : ""} au-delà des ${comments.list.length} premiers non repris.`);
  // Only the images the text still shows become attachments.
  const text = JSON.stringify(doc);
  return { ok: true, doc, images: images.list.filter((i) => text.includes(`"${ATTACHMENT_PATH}${i.id}"`)), comments: comments.list, dropped };
}

const reply = (message: Converted | { error: string }) => process.send!(message);

process.on("message", (job: ConvertJob) => {
  convert(job).then(reply, (e: unknown) => {
    // The file could not be opened at all: the caller's problem, not a fact about the file.
    if (e instanceof Error && "syscall" in e) return reply({ error: e.message });
    reply({ ok: false, reason: e instanceof Refused ? e.reason : REASONS.damaged });
  });
});
process.on("disconnect", () => process.exit(0));
process.send!("ready");
