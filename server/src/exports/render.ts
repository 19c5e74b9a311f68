/** One export's bytes, by format (run in the conversion process, see sandbox.ts). */
import type { ExportFormat } from "@atelier/shared";
import { renderDocx } from "./docx.js";
import { renderHtml } from "./html.js";
import { renderMarkdown } from "./markdown.js";
import { renderOdt } from "./odt.js";
import { outlineOf, type Outline } from "./outline.js";
import { renderPdf } from "./pdf.js";
import type { ExportSource } from "./source.js";

type Writer = (source: ExportSource, outline: Outline) => Uint8Array | Promise<Uint8Array>;

const WRITERS: Record<ExportFormat, Writer> = { docx: renderDocx, odt: renderOdt, pdf: renderPdf, md: renderMarkdown, html: renderHtml };

export async function renderExport(format: ExportFormat, source: ExportSource): Promise<Uint8Array> {
  return WRITERS[format](source, outlineOf(source));
}
