/** One export's bytes and how to send them, by format. */
import type { ExportFormat } from "@atelier/shared";
import { renderDocx } from "./docx.js";
import { renderHtml } from "./html.js";
import { renderMarkdown } from "./markdown.js";
import { renderOdt } from "./odt.js";
import { outlineOf, type Outline } from "./outline.js";
import { renderPdf } from "./pdf.js";
import type { ExportSource } from "./source.js";

type Writer = (source: ExportSource, outline: Outline) => Uint8Array | Promise<Uint8Array>;

export const FORMATS: Record<ExportFormat, { mime: string; writer: Writer }> = {
  docx: { mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", writer: renderDocx },
  odt: { mime: "application/vnd.oasis.opendocument.text", writer: renderOdt },
  pdf: { mime: "application/pdf", writer: renderPdf },
  md: { mime: "text/markdown; charset=utf-8", writer: renderMarkdown },
  html: { mime: "text/html; charset=utf-8", writer: renderHtml },
};

export async function renderExport(format: ExportFormat, source: ExportSource): Promise<Uint8Array> {
  return FORMATS[format].writer(source, outlineOf(source));
}
