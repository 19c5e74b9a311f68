/**
 * The conversion process (see ../sandbox): writes one export at a time, as the parent asks,
 * from the document's content rebuilt through the editor's schema. It holds no credential and reads
 * nothing: all it needs comes in the job.
 */
import { getEditorSchema } from "@atelier/editor";
import { renderExport } from "./render.js";
import type { ConversionAnswer, ConversionJob } from "./sandbox.js";

const reply = (message: ConversionAnswer) => process.send!(message);

process.on("message", ({ format, source }: ConversionJob) => {
  const doc = getEditorSchema().nodeFromJSON(source.doc);
  renderExport(format, { ...source, doc, images: new Map(source.images) }).then(
    (bytes) => reply({ ok: true, bytes }),
    (e: unknown) => reply({ ok: false, reason: e instanceof Error ? e.message : String(e) }),
  );
});
// The parent went away: nothing left to do.
process.on("disconnect", () => process.exit(0));
process.send!("ready");
