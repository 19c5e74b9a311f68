/** Access to a committee's public event from the workspace: its space's rules decide. */
import { type SpaceAction } from "@atelier/shared";
import type { Queryable } from "../db/index.js";
import { notFound } from "../http/errors.js";
import { authorizeSpace } from "./spaces.js";
import { isUuid, type Actor, type SpaceWithStanding } from "./standing.js";

export async function authorizeEvent(q: Queryable, actor: Actor, action: SpaceAction, eventId: string): Promise<SpaceWithStanding> {
  const [row] = isUuid(eventId) ? await q.query<{ space_id: string }>("SELECT space_id FROM agenda_events WHERE id = $1", [eventId]) : [];
  if (!row) throw notFound("Cet événement n'existe pas.");
  return authorizeSpace(q, actor, action, row.space_id);
}
