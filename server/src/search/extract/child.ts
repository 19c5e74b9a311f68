/**
 * The extraction process (see ../../sandbox/pool.ts): reads one file at a time, as the parent asks, and answers
 * with its text or the reason it could not be read. It holds no credential and may be killed at any time.
 */
import { readFile, stat } from "node:fs/promises";
import { detect, HEAD_BYTES } from "./detect.js";
import type { Answer, Extracted, Job } from "./types.js";
import { oleText, zipText } from "./office.js";
import { pdfPages } from "./pdf.js";
import { TextSink } from "./sink.js";
import { decode, plainText, readPrefix } from "./text.js";
import { REASONS, Unreadable } from "./unreadable.js";

async function read({ file, mime, name, limits }: Job): Promise<Extracted> {
  const format = detect(await readPrefix(file, HEAD_BYTES), mime, name);
  const sink = new TextSink(limits.maxChars);
  if (format === "text" || format === "html") {
    // A character takes at most 4 bytes in UTF-8: this prefix holds the budget.
    const source = decode(await readPrefix(file, limits.maxChars * 4));
    return { ok: true, text: await sink.fill((s) => plainText(source, format === "html", s)), pages: null };
  }
  if (format === "binary") throw new Unreadable(REASONS.unsupported);
  if ((await stat(file)).size > limits.maxBytes) throw new Unreadable(REASONS.tooBig);
  const data = await readFile(file);
  if (format === "ole") oleText(data);
  if (format === "pdf") {
    const pages = await pdfPages(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), limits.maxChars);
    return { ok: true, text: pages.join("\n\n"), pages };
  }
  // What the XML of a zip may inflate to: a quarter of the memory, the rest is for parsing it.
  const budget = (limits.memoryMb * 1024 * 1024) / 4;
  return { ok: true, text: await sink.fill((s) => zipText(data, budget, s)), pages: null };
}

const reply = (message: Answer) => process.send!(message);

process.on("message", (job: Job) => {
  read(job).then(reply, (e: unknown) => {
    // The file could not be opened at all (missing, forbidden): the caller's problem, not a fact about the file.
    if (e instanceof Error && "syscall" in e) return reply({ error: e.message });
    reply({ ok: false, reason: e instanceof Unreadable ? e.reason : REASONS.damaged });
  });
});
// The parent went away: nothing left to do.
process.on("disconnect", () => process.exit(0));
process.send!("ready");
