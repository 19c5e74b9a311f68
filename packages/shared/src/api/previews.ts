import { z } from "zod";

/** Office files the resource library shows as HTML (GET /api/files/:id/preview), beside the PDF and image previews. */
export const HTML_PREVIEW_TYPES = new Set([
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  "application/vnd.oasis.opendocument.text",
  "application/vnd.oasis.opendocument.spreadsheet",
  "application/vnd.oasis.opendocument.presentation",
]);
export const hasHtmlPreview = (mime: string) => HTML_PREVIEW_TYPES.has(mime);

/** GET /api/files/:id/preview: the file's text as HTML the server has sanitised (text, headings, lists, tables). */
export const FilePreviewReply = z.object({ html: z.string() });
export type FilePreviewReply = z.infer<typeof FilePreviewReply>;
