import type { AccessRequest } from "@atelier/shared";
import type { Queryable } from "../db/index.js";

/** Records a pending request unless one is already pending for this person and space; its id when new. */
export async function insertRequest(q: Queryable, spaceId: string, userId: string, message: string): Promise<string | null> {
  const [row] = await q.query<{ id: string }>(
    `INSERT INTO access_requests (id, space_id, user_id, message) VALUES ($1, $2, $3, $4)
     ON CONFLICT (space_id, user_id) WHERE status = 'pending' DO NOTHING RETURNING id`,
    [crypto.randomUUID(), spaceId, userId, message],
  );
  return row?.id ?? null;
}

/** Pending requests in these spaces, oldest first. */
export async function pendingRequests(q: Queryable, spaceIds: string[]): Promise<AccessRequest[]> {
  if (spaceIds.length === 0) return [];
  const rows = await q.query<{
    id: string;
    space_id: string;
    space_name: string;
    user_id: string;
    email: string;
    first_name: string;
    last_name: string;
    organisation: string;
    message: string;
    created_at: Date;
  }>(
    `SELECT r.id, r.space_id, s.name AS space_name, r.user_id, u.email, u.first_name, u.last_name, u.organisation,
            r.message, r.created_at
       FROM access_requests r JOIN spaces s ON s.id = r.space_id JOIN users u ON u.id = r.user_id
      WHERE r.status = 'pending' AND r.space_id = ANY($1) AND u.active
      ORDER BY r.created_at, r.id`,
    [spaceIds],
  );
  return rows.map((r) => ({
    id: r.id,
    space: { id: r.space_id, name: r.space_name },
    requester: { id: r.user_id, email: r.email, firstName: r.first_name, lastName: r.last_name, organisation: r.organisation },
    message: r.message,
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

export interface RequestRow {
  id: string;
  space_id: string;
  space_name: string;
  user_id: string;
  email: string;
  first_name: string;
  status: "pending" | "granted" | "declined";
}

/** The request and who asked; `lock` holds it while it is decided. */
export async function getRequest(q: Queryable, id: string, lock = false): Promise<RequestRow | null> {
  const [row] = await q.query<RequestRow>(
    `SELECT r.id, r.space_id, s.name AS space_name, r.user_id, u.email, u.first_name, r.status
       FROM access_requests r JOIN spaces s ON s.id = r.space_id JOIN users u ON u.id = r.user_id
      WHERE r.id = $1 ${lock ? "FOR UPDATE OF r" : ""}`,
    [id],
  );
  return row ?? null;
}

export async function decide(
  q: Queryable,
  id: string,
  decision: { status: "granted" | "declined"; role: string | null; by: string },
): Promise<void> {
  await q.query(
    `UPDATE access_requests SET status = $2, granted_role = $3, decided_by = $4, decided_at = now() WHERE id = $1`,
    [id, decision.status, decision.role, decision.by],
  );
}

/**
 * Who hears of a new request: the space's active pilotes, or the active admins when it has none
 * or is archived (then only an admin may still change its members).
 */
export async function requestRecipients(
  q: Queryable,
  spaceId: string,
  archived: boolean,
): Promise<{ ids: string[]; emails: string[]; admins: boolean }> {
  const pilotes = archived
    ? []
    : await q.query<{ id: string; email: string }>(
        `SELECT u.id, u.email FROM memberships m JOIN users u ON u.id = m.user_id
          WHERE m.space_id = $1 AND m.role = 'pilote' AND u.active ORDER BY u.email`,
        [spaceId],
      );
  const found =
    pilotes.length > 0
      ? pilotes
      : await q.query<{ id: string; email: string }>(
          "SELECT id, email FROM users WHERE platform_role = 'admin' AND active ORDER BY email",
        );
  return { ids: found.map((u) => u.id), emails: found.map((u) => u.email), admins: pilotes.length === 0 };
}
