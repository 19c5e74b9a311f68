/**
 * An event's compte rendu written as a collaborative document of its space. Freshness: the site shows
 * a snapshot of the text taken when the organiser publishes it ("Mettre à jour sur le site" takes a new
 * one), so that the public reads what the organiser chose to show and not a text still being written;
 * moved to the trash or deleted, the document is off the event's page at once (its events on the bus).
 */
import { docToNode } from "@atelier/editor";
import type { EventReport } from "@atelier/shared";
import type { Services } from "../context.js";
import type { Queryable } from "../db/index.js";
import { loadYDoc } from "../documents/content.js";
import { findDocument } from "../documents/queries.js";
import { HttpError } from "../http/errors.js";
import { publicImages } from "../public-site/images.js";

export interface ReportRow {
  event_id: string;
  document_id: string;
  html: string;
  images: string[];
  published_at: Date;
  title: string;
}

export async function eventReport(q: Queryable, eventId: string): Promise<ReportRow | undefined> {
  const [row] = await q.query<ReportRow>(
    `SELECT r.event_id, r.document_id, r.html, r.images, r.published_at, d.title
       FROM agenda_event_reports r JOIN documents d ON d.id = r.document_id WHERE r.event_id = $1`,
    [eventId],
  );
  return row;
}

export const toReport = (r: ReportRow | undefined): EventReport | null =>
  r ? { documentId: r.document_id, title: r.title, publishedAt: r.published_at.toISOString() } : null;

/** Publishes the document's text as it is now as the event's compte rendu, or replaces the one published. */
export async function publishReport(q: Queryable, event: { id: string; slug: string }, documentId: string, userId: string): Promise<void> {
  const images = publicImages(`/evenements/${event.slug}`);
  const ydoc = await loadYDoc(q, documentId);
  let html: string;
  try {
    html = images.html(docToNode(ydoc));
  } finally {
    ydoc.destroy();
  }
  if (!html.replace(/<[^>]*>/g, "").trim() && !html.includes("<img")) throw new HttpError(409, "empty_report", "Ce document est vide : écrivez le compte rendu avant de le publier.");
  await q.query(
    `INSERT INTO agenda_event_reports (event_id, document_id, html, images, published_by) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (event_id) DO UPDATE SET document_id = EXCLUDED.document_id, html = EXCLUDED.html, images = EXCLUDED.images,
            published_by = EXCLUDED.published_by, published_at = now()`,
    [event.id, documentId, html, images.shownIn([html]), userId],
  );
}

/** Takes it off the event's page; true when it was on. */
export async function removeReport(q: Queryable, eventId: string): Promise<boolean> {
  return (await q.query("DELETE FROM agenda_event_reports WHERE event_id = $1 RETURNING event_id", [eventId])).length > 0;
}

export function subscribeEventReports(s: Services): void {
  s.bus.on("documentChanged", async (q, e) => {
    const doc = await findDocument(q, e.documentId);
    if (!doc || doc.trashed_at) await q.query("DELETE FROM agenda_event_reports WHERE document_id = $1", [e.documentId]);
  });
}
