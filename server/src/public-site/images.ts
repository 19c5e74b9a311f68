/**
 * The images of a text the site publishes as a snapshot (a practice's fiche, an event's compte
 * rendu): the snapshot's HTML shows each attachment from the page's own address
 * (`<page>/images/<attachment id>`), and the snapshot keeps the list of those it shows, for the
 * policy to serve one to a visitor only while it is listed and the page published.
 */
import { nodeToHtml } from "@atelier/editor";
import type { Node } from "@tiptap/pm/model";
import type { Context } from "hono";
import type { Services } from "../context.js";
import { serve } from "../files/download.js";
import { visitorImage, type PublishedImages } from "../policy/index.js";

export const imagePath = (pagePath: string, attachmentId: string) => `${pagePath}/images/${attachmentId}`;

/** Renders the texts of one page's snapshot, noting the attachments they show. */
export function publicImages(pagePath: string) {
  const seen = new Set<string>();
  return {
    html: (node: Node) =>
      nodeToHtml(node, {
        imageSrc: (id) => {
          seen.add(id);
          return imagePath(pagePath, id);
        },
      }),
    /** The attachments the kept HTML shows (a text rendered but left out of the snapshot lists none). */
    shownIn: (kept: string[]) => [...seen].filter((id) => kept.some((html) => html.includes(`"${imagePath(pagePath, id)}"`))),
  };
}

/**
 * Serves an image of a published page. Revalidated on every view (ETag): a shared cache may keep it,
 * yet it is gone from the site as soon as the snapshot no longer shows it.
 */
export async function servePublishedImage(s: Services, c: Context, published: PublishedImages | undefined, attachmentId: string): Promise<Response> {
  const a = await visitorImage(s.db, published, attachmentId);
  const servable = { key: a.storage_key, name: a.original_name, size: Number(a.size), mimeType: a.mime_type, sha256: a.sha256 };
  return serve(s, c, servable, a.mime_type.startsWith("image/"), "public, no-cache");
}
