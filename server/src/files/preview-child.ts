/**
 * The preview process (see ../sandbox): turns one office file at a time into HTML, as the
 * parent asks. It holds no credential and may be killed at any time.
 */
import { readFile } from "node:fs/promises";
import type { PreviewAnswer, PreviewJob } from "./preview.js";
import { officeHtml } from "./preview-office.js";
import { REASONS, Refused } from "./preview-reasons.js";

async function convert({ file, mime, limits }: PreviewJob): Promise<PreviewAnswer> {
  const data = await readFile(file);
  // What the parts may inflate to: a quarter of the memory, the rest is for parsing them.
  return { ok: true, html: await officeHtml(data, mime, (limits.memoryMb * 1024 * 1024) / 4) };
}

process.on("message", (job: PreviewJob) => {
  convert(job).then(
    (answer) => process.send!(answer),
    (e: unknown) => {
      if (e instanceof Error && "syscall" in e) return process.send!({ error: e.message });
      process.send!({ ok: false, reason: e instanceof Refused ? e.reason : REASONS.damaged });
    },
  );
});
process.on("disconnect", () => process.exit(0));
process.send!("ready");
