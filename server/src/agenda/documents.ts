/**
 * The files of its space's library an event publishes with it. The agenda keeps only the link;
 * the file (title, name, size, bytes) stays the library's, so a new version or a trashed file
 * shows on the public page at once.
 */
import type { EventDocument, EventDocumentRole } from "@atelier/shared";
import type { Queryable } from "../db/index.js";
import { getFile } from "../files/queries.js";

export async function attachDocument(q: Queryable, eventId: string, fileId: string, role: EventDocumentRole, by: string): Promise<void> {
  await q.query(
    `INSERT INTO agenda_event_files (event_id, file_id, role, attached_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT (event_id, file_id) DO UPDATE SET role = EXCLUDED.role`,
    [eventId, fileId, role, by],
  );
}

export async function detachDocument(q: Queryable, eventId: string, fileId: string): Promise<boolean> {
  return (await q.query("DELETE FROM agenda_event_files WHERE event_id = $1 AND file_id = $2 RETURNING file_id", [eventId, fileId])).length > 0;
}

/** The event's live documents (not those in the recycle bin), documents first, each with its public download path. */
export async function eventDocuments(q: Queryable, event: { id: string; slug: string }): Promise<EventDocument[]> {
  const links = await q.query<{ file_id: string; role: EventDocumentRole }>(
    "SELECT file_id, role FROM agenda_event_files WHERE event_id = $1 ORDER BY role = 'compte-rendu', attached_at, file_id",
    [event.id],
  );
  const documents: EventDocument[] = [];
  for (const l of links) {
    const f = await getFile(q, l.file_id);
    if (!f || f.deleted_at) continue;
    documents.push({ fileId: f.id, title: f.title, role: l.role, name: f.original_name, size: f.size, url: `/evenements/${event.slug}/documents/${f.id}` });
  }
  return documents;
}
