/**
 * Resumable uploads: a large file is sent in pieces to an upload session; after a network cut
 * the client asks how far the server got and sends the rest from there. Modelled on the tus
 * protocol (the offset in a header, the server's offset as the only truth) with JSON replies.
 *
 *   POST   /api/spaces/:spaceId/uploads  CreateUploadBody         → 201 { upload }
 *   POST   /api/files/:id/uploads        CreateVersionUploadBody  → 201 { upload }  (a new version)
 *   GET    /api/uploads/:id                                        → { upload }
 *   PATCH  /api/uploads/:id   Upload-Offset: n, body = bytes n…    → 200 { upload } | 201 { upload, file }
 *   DELETE /api/uploads/:id                                        → 204, staged bytes removed
 *
 * A PATCH whose Upload-Offset differs from the server's gets 409 `offset_mismatch` with
 * `details.offset`. Only the person who started an upload sees or continues it (403 for anyone else).
 */
import { z } from "zod";
import { FILE_DESCRIPTION_MAX, FILE_TITLE_MAX, FileKindSlug, FileSummary, Themes } from "./files.js";
import { text } from "./common.js";

/** The header carrying the offset of a PATCH's first byte. */
export const UPLOAD_OFFSET_HEADER = "upload-offset";

/** Hours an unfinished upload is kept after its last piece arrived. */
export const UPLOAD_EXPIRY_HOURS = 24;

const Name = z.string().min(1, "Indiquez le nom du fichier.");
const Size = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

/** A new file: its name, its size, and the metadata a direct upload takes in its query. */
export const CreateUploadBody = z.strictObject({
  name: Name,
  size: Size,
  title: text(FILE_TITLE_MAX).optional(),
  description: z.string().trim().max(FILE_DESCRIPTION_MAX).optional(),
  kind: FileKindSlug.optional(),
  themes: Themes.optional(),
});
export type CreateUploadBody = z.infer<typeof CreateUploadBody>;

/** A new version of a file: its name and size. */
export const CreateVersionUploadBody = z.strictObject({ name: Name, size: Size });
export type CreateVersionUploadBody = z.infer<typeof CreateVersionUploadBody>;

export const UploadSession = z.object({
  id: z.string(),
  /** The bytes the server holds: the next PATCH starts there. */
  offset: z.number(),
  size: z.number(),
  /** Pieces are best sent in multiples of this many bytes (the last one excepted). */
  partSize: z.number(),
  expiresAt: z.string(),
});
export type UploadSession = z.infer<typeof UploadSession>;

export const UploadReply = z.object({ upload: UploadSession, file: FileSummary.optional() });
export type UploadReply = z.infer<typeof UploadReply>;
