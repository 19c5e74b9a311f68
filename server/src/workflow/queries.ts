import type { DocumentStatus, StatusChange } from "@atelier/shared";
import type { Queryable } from "../db/index.js";

const iso = (d: Date | string) => new Date(d).toISOString();

export interface CurrentStatus {
  status: DocumentStatus;
  changedAt: string | null;
}

/** The document's status; a document that never moved is a draft. `lock` holds it until the transaction ends. */
export async function currentStatus(q: Queryable, documentId: string, lock = false): Promise<CurrentStatus> {
  // Locking the document row serialises concurrent transitions, even on a document without a workflow row yet.
  if (lock) await q.query("SELECT id FROM documents WHERE id = $1 FOR UPDATE", [documentId]);
  const [row] = await q.query<{ status: DocumentStatus; changed_at: Date }>(
    "SELECT status, changed_at FROM document_workflow WHERE document_id = $1",
    [documentId],
  );
  return row ? { status: row.status, changedAt: iso(row.changed_at) } : { status: "brouillon", changedAt: null };
}

export async function statusHistory(q: Queryable, documentId: string): Promise<StatusChange[]> {
  const rows = await q.query<{
    id: string;
    from_status: DocumentStatus;
    to_status: DocumentStatus;
    comment: string;
    actor_id: string | null;
    actor_name: string | null;
    at: Date;
  }>(
    `SELECT c.id, c.from_status, c.to_status, c.comment, c.actor_id, c.at,
            NULLIF(trim(u.first_name || ' ' || u.last_name), '') AS actor_name
       FROM document_status_changes c LEFT JOIN users u ON u.id = c.actor_id
      WHERE c.document_id = $1 ORDER BY c.at DESC, c.id`,
    [documentId],
  );
  return rows.map((r) => ({
    id: r.id,
    from: r.from_status,
    to: r.to_status,
    comment: r.comment,
    actor: r.actor_id ? { id: r.actor_id, name: r.actor_name ?? "" } : null,
    at: iso(r.at),
  }));
}

export async function recordChange(
  q: Queryable,
  c: { documentId: string; from: DocumentStatus; to: DocumentStatus; comment: string; actorId: string },
): Promise<void> {
  await q.query(
    `INSERT INTO document_workflow (document_id, status, changed_at, changed_by) VALUES ($1, $2, now(), $3)
     ON CONFLICT (document_id) DO UPDATE SET status = EXCLUDED.status, changed_at = EXCLUDED.changed_at, changed_by = EXCLUDED.changed_by`,
    [c.documentId, c.to, c.actorId],
  );
  await q.query(
    `INSERT INTO document_status_changes (id, document_id, from_status, to_status, comment, actor_id)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [crypto.randomUUID(), c.documentId, c.from, c.to, c.comment, c.actorId],
  );
}

/** Everyone with a role in the space: who hears of its documents' status changes. */
export async function spaceMemberIds(q: Queryable, spaceId: string): Promise<string[]> {
  const rows = await q.query<{ user_id: string }>("SELECT user_id FROM memberships WHERE space_id = $1", [spaceId]);
  return rows.map((r) => r.user_id);
}
