/** Access to a committee's public event from the workspace (its space's rules decide), and to the files it publishes. */
import { type SpaceAction } from "@atelier/shared";
import type { Queryable } from "../db/index.js";
import { getFile, type FileRow } from "../files/queries.js";
import { notFound } from "../http/errors.js";
import { authorizeSpace } from "./spaces.js";
import { authorizeVisitor } from "./visitor.js";
import { isUuid, type Actor, type SpaceWithStanding } from "./standing.js";

export async function authorizeEvent(q: Queryable, actor: Actor, action: SpaceAction, eventId: string): Promise<SpaceWithStanding> {
  const [row] = isUuid(eventId) ? await q.query<{ space_id: string }>("SELECT space_id FROM agenda_events WHERE id = $1", [eventId]) : [];
  if (!row) throw notFound("Cet événement n'existe pas.");
  return authorizeSpace(q, actor, action, row.space_id);
}

/**
 * A library file a visitor downloads from a public event's page: only while it is attached to
 * that event and the event is published (and not in the recycle bin); else the visitor's 404.
 */
export async function visitorEventFile(q: Queryable, slug: string, fileId: string): Promise<FileRow> {
  const [row] = isUuid(fileId)
    ? await q.query<{ published: boolean; attached: boolean }>(
        `SELECT e.published, EXISTS (SELECT 1 FROM agenda_event_files a WHERE a.event_id = e.id AND a.file_id = $2) AS attached
           FROM agenda_events e WHERE e.slug = $1`,
        [slug, fileId],
      )
    : [];
  const file = row?.attached ? await getFile(q, fileId) : null;
  authorizeVisitor("event.document.read", { published: row?.published ?? false, attached: !!file && !file.deleted_at });
  return file!;
}
