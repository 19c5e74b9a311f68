/**
 * An image a visitor loads from a page of the public site: one of the published document's own
 * attachments, only while the snapshot on the site shows it; else the visitor's 404. The members'
 * address of an attachment (/api/attachments/:id) stays theirs.
 */
import { findAttachment, type AttachmentRow } from "../attachments/queries.js";
import type { Queryable } from "../db/index.js";
import { isUuid } from "./standing.js";
import { authorizeVisitor } from "./visitor.js";

/** What a page of the site published: whose text, and the attachments its snapshot shows. */
export interface PublishedImages {
  documentId: string;
  images: string[];
}

/** `published`: undefined when nothing is published at that address. */
export async function visitorImage(q: Queryable, published: PublishedImages | undefined, attachmentId: string): Promise<AttachmentRow> {
  const listed = !!published && isUuid(attachmentId) && published.images.includes(attachmentId);
  const row = listed ? await findAttachment(q, attachmentId) : null;
  // Listed yet another document's (its address pasted in the text): not this page's to serve.
  authorizeVisitor("published.image.read", { published: !!published, attached: !!row && row.document_id === published!.documentId });
  return row!;
}
