/**
 * What a conversion gave, written: its images stored as attachments of the document, under the ids
 * the text already points to. The child's answer is not trusted either: the document is checked
 * against the editor schema again, and each image's type is sniffed from its bytes.
 */
import { createHash, randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { checkedDoc, type JSONContent } from "@atelier/editor";
import { insertAttachment } from "../attachments/queries.js";
import type { Services } from "../context.js";
import type { Queryable } from "../db/index.js";
import { sniff } from "../files/sniff.js";
import { discard } from "../files/upload.js";
import type { NewVersion } from "../files/queries.js";
import type { ImportedImage } from "./convert/index.js";
import { REASONS } from "./convert/refused.js";
import { unreadable } from "./format.js";

const EXTENSIONS: Record<string, string> = { "image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "image/webp": "webp" };

export interface StoredImages {
  /** Writes the attachments' rows, in the transaction that writes the text pointing at them. */
  insert(q: Queryable, documentId: string, userId: string): Promise<void>;
  /** Removes the stored bytes, when that transaction failed. */
  discard(): Promise<void>;
}

/** The document as the editor schema allows it, or a 422 (the conversion answered something it should not). */
export function schemaDoc(doc: JSONContent): JSONContent {
  try {
    return checkedDoc(doc);
  } catch {
    throw unreadable(REASONS.damaged);
  }
}

export async function storeImages(s: Pick<Services, "db" | "storage">, images: ImportedImage[], baseName: string): Promise<StoredImages> {
  const stored: Array<{ id: string; version: NewVersion }> = [];
  const discardAll = () => Promise.all(stored.map(({ version }) => discard(s, version.key))).then(() => undefined);
  try {
    for (const [n, image] of images.entries()) {
      const bytes = Buffer.from(image.data, "base64");
      const mimeType = await sniff(bytes.subarray(0, 64 * 1024), "");
      if (!EXTENSIONS[mimeType]) continue;
      const key = `files/${randomUUID()}`;
      await s.storage.put(key, Readable.from([bytes]), { maxBytes: bytes.length, size: bytes.length });
      const version = {
        key,
        originalName: `${baseName}-image-${n + 1}.${EXTENSIONS[mimeType]}`,
        size: bytes.length,
        mimeType,
        sha256: createHash("sha256").update(bytes).digest("hex"),
      };
      stored.push({ id: image.id, version });
    }
  } catch (err) {
    await discardAll();
    throw err;
  }
  return {
    async insert(q, documentId, userId) {
      for (const { id, version } of stored) await insertAttachment(q, id, documentId, userId, version);
    },
    discard: discardAll,
  };
}
