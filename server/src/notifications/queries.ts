import type { Notification, NotificationsQuery } from "@atelier/shared";
import type { Queryable } from "../db/index.js";
import { documentOutOfTrashSql } from "../policy/index.js";

// Only what the person may still read: a space they reach, a document not in the trash. The answer
// to an access request is theirs whatever it was (a refusal is about a space they do not reach).
const VISIBLE = `n.user_id = $1 AND (n.space_id = ANY($2::uuid[]) OR n.kind = 'access-decision')
  AND (n.document_id IS NULL OR ${documentOutOfTrashSql("n.document_id")})`;

export async function listNotifications(
  q: Queryable,
  userId: string,
  readableSpaceIds: string[],
  filter: NotificationsQuery,
): Promise<Notification[]> {
  const rows = await q.query<{
    id: string;
    kind: Notification["kind"];
    summary: string;
    link: string;
    document_id: string | null;
    actor_id: string | null;
    actor_name: string | null;
    created_at: Date;
    read_at: Date | null;
  }>(
    `SELECT n.id, n.kind, n.summary, n.link, n.document_id, n.actor_id, n.created_at, n.read_at,
            NULLIF(trim(u.first_name || ' ' || u.last_name), '') AS actor_name
       FROM notifications n LEFT JOIN users u ON u.id = n.actor_id
      WHERE ${VISIBLE} AND ($3::boolean IS NULL OR (n.read_at IS NULL) = $3)
      ORDER BY n.created_at DESC, n.id LIMIT $4`,
    [userId, readableSpaceIds, filter.unread === undefined ? null : filter.unread === "true", filter.limit],
  );
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    summary: r.summary,
    link: r.link,
    documentId: r.document_id,
    actor: r.actor_id ? { id: r.actor_id, name: r.actor_name ?? "" } : null,
    createdAt: new Date(r.created_at).toISOString(),
    readAt: r.read_at ? new Date(r.read_at).toISOString() : null,
  }));
}

export async function unreadCount(q: Queryable, userId: string, readableSpaceIds: string[]): Promise<number> {
  const [row] = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM notifications n WHERE ${VISIBLE} AND n.read_at IS NULL`,
    [userId, readableSpaceIds],
  );
  return row!.n;
}

/** Marks one of the person's notifications read; false when it is not theirs. */
export async function markRead(q: Queryable, userId: string, id: string): Promise<boolean> {
  const rows = await q.query(
    "UPDATE notifications SET read_at = COALESCE(read_at, now()) WHERE id = $1 AND user_id = $2 RETURNING id",
    [id, userId],
  );
  return rows.length > 0;
}

export async function markAllRead(q: Queryable, userId: string): Promise<void> {
  await q.query("UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL", [userId]);
}
