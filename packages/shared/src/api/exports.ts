import { z } from "zod";

/** The formats a document is exported to (GET /api/documents/:id/export). */
export const EXPORT_FORMATS = ["docx", "odt", "pdf", "md", "html"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_FORMAT_LABELS: Record<ExportFormat, string> = {
  odt: "OpenDocument (.odt) — LibreOffice, recommandé par le RGI",
  docx: "Word (.docx)",
  pdf: "PDF (.pdf) — pour imprimer ou diffuser",
  md: "Markdown (.md)",
  html: "Page web (.html)",
};

export const ExportQuery = z.strictObject({
  format: z.enum(EXPORT_FORMATS, { error: "Format : choisissez docx, odt, pdf, md ou html." }),
  version: z.uuid({ error: "Version : identifiant invalide." }).optional(),
  comments: z.enum(["true", "false"], { error: "Commentaires : true ou false." }).optional(),
});
export type ExportQuery = z.input<typeof ExportQuery>;
