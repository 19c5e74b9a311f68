/**
 * Importing a file (DOCX, ODT, Markdown, HTML) as a new document, or into an open one at the cursor.
 * The body is multipart: the file in `file`, and for a new document its `kind` and an optional `title`.
 * The reply lists, in French, what of the file could not be kept.
 */
import { z } from "zod";
import { DOCUMENT_KINDS } from "./documents.js";

/** What the import reads, told by the file's bytes and name. */
export const IMPORT_FORMATS = ["docx", "odt", "markdown", "html"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** The file picker's filter (the server decides from the bytes anyway). */
export const IMPORT_ACCEPT = ".docx,.odt,.md,.markdown,.html,.htm";

/** Larger than any text a committee writes, images included; a bigger file is refused before it is read. */
export const FILE_IMPORT_MAX_BYTES = 20 * 1024 * 1024;

export const ImportDocumentFields = z.object({
  kind: z.enum(DOCUMENT_KINDS, "Choisissez le type du document."),
  title: z
    .string()
    .trim()
    .max(200, "Le titre ne doit pas dépasser 200 caractères.")
    .optional()
    .transform((t) => t || undefined),
});
export type ImportDocumentFields = z.input<typeof ImportDocumentFields>;

export const ImportDocumentReply = z.object({ id: z.uuid(), dropped: z.array(z.string()) });
export type ImportDocumentReply = z.infer<typeof ImportDocumentReply>;

/** Content for the editor to insert at the cursor: ProseMirror JSON of the editor's schema (a doc node). */
export const ImportFragmentReply = z.object({ content: z.record(z.string(), z.unknown()), dropped: z.array(z.string()) });
export type ImportFragmentReply = z.infer<typeof ImportFragmentReply>;
