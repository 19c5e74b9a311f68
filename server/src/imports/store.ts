/**
 * What a conversion gave, written: its images stored as attachments of the document, under the ids
 * the text already points to. The child's answer is not trusted either: the document is checked
 * against the editor schema again, and each image's type is sniffed from its bytes.
 */
import { createHash, randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { checkedDoc, type JSONContent } from "@atelier/editor";
import { ATTACHMENT_PATH } from "@atelier/shared";
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
  /** Ids of the images whose bytes are not one of the kept image types: not stored. */
  skipped: string[];
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

async function storeImages(s: Pick<Services, "db" | "storage">, images: ImportedImage[], baseName: string): Promise<StoredImages> {
  const stored: Array<{ id: string; version: NewVersion }> = [];
  const skipped: string[] = [];
  const discardAll = () => Promise.all(stored.map(({ version }) => discard(s, version.key))).then(() => undefined);
  try {
    for (const [n, image] of images.entries()) {
      const bytes = Buffer.from(image.data, "base64");
      const mimeType = await sniff(bytes.subarray(0, 64 * 1024), "");
      if (!EXTENSIONS[mimeType]) {
        skipped.push(image.id);
        continue;
      }
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
    skipped,
    async insert(q, documentId, userId) {
      for (const { id, version } of stored) await insertAttachment(q, id, documentId, userId, version);
    },
    discard: discardAll,
  };
}

/** The document without the images that were not stored, so that it never points at a missing one. */
function withoutImages(node: JSONContent, ids: Set<string>): JSONContent {
  if (!node.content) return node;
  const content = node.content
    .filter((child) => !(child.type === "image" && ids.has(String(child.attrs?.src ?? "").slice(ATTACHMENT_PATH.length))))
    .map((child) => withoutImages(child, ids));
  return { ...node, content };
}

/** A conversion's images stored, and its text and list of what was not kept to match. */
export async function storeConverted(
  s: Pick<Services, "db" | "storage">,
  converted: { doc: JSONContent; images: ImportedImage[]; dropped: string[] },
  baseName: string,
): Promise<{ doc: JSONContent; dropped: string[]; stored: StoredImages }> {
  const stored = await storeImages(s, converted.images, baseName);
  if (!stored.skipped.length) return { doc: converted.doc, dropped: converted.dropped, stored };
  const n = stored.skipped.length;
  return {
    doc: withoutImages(converted.doc, new Set(stored.skipped)),
    dropped: [
      ...converted.dropped,
      n > 1
        ? `${n} images n'ont pas été reprises : leur contenu n'est pas une image PNG, JPEG, GIF ou WebP.`
        : "1 image n'a pas été reprise : son contenu n'est pas une image PNG, JPEG, GIF ou WebP.",
    ],
    stored,
  };
}
