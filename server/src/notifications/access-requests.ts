/**
 * Access requests in the bell: the deciders hear of a new request, the asker of the answer.
 * Written in the transaction of the request or decision (the bus awaits this listener), never
 * mailed from here: the access-requests capability sends its own mails.
 */
import type { Services } from "../context.js";
import type { Queryable } from "../db/index.js";
import type { AccessRequestEvent } from "../events/bus.js";

/** Where the deciders answer: the list of requests waiting for them. */
export const ACCESS_REQUESTS_PAGE = "/demandes-acces";

async function insert(
  q: Queryable,
  row: { userId: string; kind: "access-request" | "access-decision"; spaceId: string; actorId: string | null; summary: string; link: string },
) {
  await q.query(
    `INSERT INTO notifications (id, user_id, kind, space_id, actor_id, summary, link, mail)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'none')`,
    [crypto.randomUUID(), row.userId, row.kind, row.spaceId, row.actorId, row.summary, row.link],
  );
}

async function onAccessRequest(q: Queryable, event: AccessRequestEvent) {
  if (event.kind === "requested") {
    for (const userId of new Set(event.deciders)) {
      if (userId === event.requester.id) continue;
      await insert(q, {
        userId,
        kind: "access-request",
        spaceId: event.space.id,
        actorId: event.requester.id,
        summary: `${event.requester.name} demande l'accès à ${event.space.name}`,
        link: `${ACCESS_REQUESTS_PAGE}#demande-${event.requestId}`,
      });
    }
    return;
  }
  const granted = event.decision === "granted";
  await insert(q, {
    userId: event.requesterId,
    kind: "access-decision",
    spaceId: event.space.id,
    // Who decided stays unnamed: the asker knows the committee, not its pilotes.
    actorId: null,
    summary: `Votre demande d'accès à ${event.space.name} a été ${granted ? "acceptée" : "refusée"}`,
    link: granted ? `/espaces/${event.space.id}` : "/annuaire",
  });
}

export const subscribeAccessRequests = (s: Services) => s.bus.on("accessRequest", onAccessRequest);
