/**
 * Resource libraries ("Documents ressources"): what the server accepts for files and answers
 * about them. Uploads are a streamed body (the bytes of one file) with the metadata in the query.
 */
import { z } from "zod";
import { THEME_SLUGS } from "../programme/index.js";
import { text } from "./common.js";

/** The kinds every library offers; a pilote adds kinds of their own per space. */
export const FILE_KINDS = ["etude", "contribution", "fiche-action", "presentation", "compte-rendu", "autre"] as const;
export type BaseFileKind = (typeof FILE_KINDS)[number];

export const FILE_KIND_LABELS: Record<BaseFileKind, string> = {
  etude: "Étude",
  contribution: "Contribution",
  "fiche-action": "Fiche action",
  presentation: "Présentation",
  "compte-rendu": "Compte rendu",
  autre: "Autre",
};

export const FILE_TITLE_MAX = 200;
export const FILE_DESCRIPTION_MAX = 2000;
export const FILE_NAME_MAX = 255;

/** A kind's slug: a base kind or one a pilote added (lowercase words joined by dashes). */
export const FileKindSlug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "Type de document inconnu.").max(60);
const Theme = z.enum(THEME_SLUGS as [string, ...string[]]);
export const Themes = z.array(Theme).max(THEME_SLUGS.length);

/** Metadata sent with an upload, in the query string; `name` is the file's name, kept for display only. */
export const UploadFileQuery = z.strictObject({
  name: z.string().min(1, "Indiquez le nom du fichier."),
  title: text(FILE_TITLE_MAX).optional(),
  description: z.string().trim().max(FILE_DESCRIPTION_MAX).optional(),
  kind: FileKindSlug.optional(),
  /** Comma-separated theme slugs. */
  themes: z
    .string()
    .optional()
    .transform((v) => (v ? v.split(",").filter(Boolean) : undefined))
    .pipe(Themes.optional()),
});
export type UploadFileQuery = z.input<typeof UploadFileQuery>;

/** A new version only carries its file name. */
export const UploadVersionQuery = z.strictObject({ name: z.string().min(1, "Indiquez le nom du fichier.") });

export const UpdateFileBody = z
  .strictObject({
    title: text(FILE_TITLE_MAX).optional(),
    description: z.string().trim().max(FILE_DESCRIPTION_MAX).optional(),
    kind: FileKindSlug.optional(),
    themes: Themes.optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), "Indiquez au moins une information à modifier.");
export type UpdateFileBody = z.infer<typeof UpdateFileBody>;

export const FILE_SORTS = ["recent", "oldest", "title", "size"] as const;

export const ListFilesQuery = z.strictObject({
  kind: FileKindSlug.optional(),
  theme: Theme.optional(),
  uploader: z.uuid().optional(),
  /** Uploaded on or after this day (YYYY-MM-DD). */
  from: z.iso.date().optional(),
  /** Uploaded on or before this day (YYYY-MM-DD). */
  to: z.iso.date().optional(),
  /** Words looked for in the title and the description, accents and case ignored. */
  q: z.string().trim().max(200).optional(),
  sort: z.enum(FILE_SORTS).default("recent"),
  /** "true": the recycle bin, for those who may restore. */
  trash: z.enum(["true", "false"]).default("false"),
});
export type ListFilesQuery = z.input<typeof ListFilesQuery>;

export const DownloadQuery = z.strictObject({
  /** An earlier version's number; the current one otherwise. */
  version: z.coerce.number().int().positive().optional(),
  /** "1": show in the browser; honoured only for images and PDF, anything else is an attachment. */
  inline: z.enum(["0", "1"]).optional(),
});

const Person = z.object({ id: z.string(), name: z.string() }).nullable();

export const FileSummary = z.object({
  id: z.string(),
  spaceId: z.string(),
  title: z.string(),
  description: z.string(),
  kind: z.string(),
  themes: z.array(z.string()),
  /** The name the file had on the uploader's computer (display only). */
  originalName: z.string(),
  size: z.number(),
  /** The type found in the bytes, not the one the browser claimed. */
  mimeType: z.string(),
  sha256: z.string(),
  version: z.number(),
  uploadedBy: Person,
  createdAt: z.string(),
  updatedAt: z.string(),
  /** When it went to the recycle bin; null for a live file. */
  deletedAt: z.string().nullable(),
  /** Whether the caller may edit, version and delete it. */
  canManage: z.boolean(),
  /** Whether the browser may show it (images and PDF). */
  previewable: z.boolean(),
});
export type FileSummary = z.infer<typeof FileSummary>;

export const FileVersion = z.object({
  number: z.number(),
  originalName: z.string(),
  size: z.number(),
  mimeType: z.string(),
  sha256: z.string(),
  uploadedBy: Person,
  createdAt: z.string(),
  /** The version this one brought back, when it is a restore. */
  restoredFrom: z.number().nullable(),
});
export type FileVersion = z.infer<typeof FileVersion>;

export const FileKind = z.object({ slug: z.string(), label: z.string(), custom: z.boolean() });
export type FileKind = z.infer<typeof FileKind>;

export const CreateFileKindBody = z.strictObject({ label: text(60) });
export type CreateFileKindBody = z.infer<typeof CreateFileKindBody>;

/** Days a deleted file stays in the recycle bin before its bytes are removed. */
export const FILE_TRASH_DAYS = 30;
