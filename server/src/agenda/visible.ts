/** What of the agenda a visitor may reach, asked of the policy. */
import type { Queryable } from "../db/index.js";
import { authorizeVisitor } from "../policy/index.js";
import { eventBySlug, type EventRow } from "./queries.js";

/** A published event by its slug, else the visitor's 404 (an unpublished one is not told apart from none). */
export async function visibleEvent(q: Queryable, slug: string): Promise<EventRow> {
  const e = await eventBySlug(q, slug);
  authorizeVisitor("event.read", { published: e?.published ?? false });
  return e!;
}
