/**
 * Attachments: images and files pasted or dropped into a document. The upload is a streamed body
 * (the bytes of one file) with its name in the query; the reply gives the address to put in the text.
 */
import { z } from "zod";

/** Where attachments are served; the editor's schema keeps no image from anywhere else. */
export const ATTACHMENT_PATH = "/api/attachments/";

export const UploadAttachmentQuery = z.strictObject({ name: z.string().min(1, "Indiquez le nom du fichier.") });
export type UploadAttachmentQuery = z.input<typeof UploadAttachmentQuery>;

export const Attachment = z.object({
  id: z.uuid(),
  url: z.string(),
  name: z.string(),
  mimeType: z.string(),
  size: z.number().int().nonnegative(),
});
export type Attachment = z.infer<typeof Attachment>;

const ATTACHMENT_URL = /^\/api\/attachments\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether an address is one of Atelier's attachments (the only images a document may show). */
export const isAttachmentUrl = (url: unknown): url is string => typeof url === "string" && ATTACHMENT_URL.test(url);
