/**
 * Writing to the audit log. Callers pass their transaction's handle, so an entry is written
 * exactly when the action it records is.
 */
import type { AuditKind } from "@atelier/shared";
import type { Queryable } from "../db/index.js";

export interface AuditInput {
  kind: AuditKind;
  actor?: { id: string; email: string } | null;
  spaceId?: string | null;
  target?: { type: string; id: string } | null;
  details?: Record<string, unknown>;
  address?: string | null;
}

export async function recordAudit(q: Queryable, e: AuditInput): Promise<void> {
  await q.query(
    `INSERT INTO audit_log (id, kind, actor_id, actor_email, space_id, target_type, target_id, details, address)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      crypto.randomUUID(),
      e.kind,
      e.actor?.id ?? null,
      e.actor?.email ?? null,
      e.spaceId ?? null,
      e.target?.type ?? null,
      e.target?.id ?? null,
      JSON.stringify(e.details ?? {}),
      e.address ?? null,
    ],
  );
}

/** Deletes entries older than the retention period; returns how many. */
export async function purgeAudit(q: Queryable, retentionDays: number): Promise<number> {
  const rows = await q.query<{ id: string }>(
    "DELETE FROM audit_log WHERE at < now() - make_interval(days => $1) RETURNING id",
    [retentionDays],
  );
  return rows.length;
}
