import type { AuditEntry, AuditQuery } from "@atelier/shared";
import type { Queryable } from "../db/index.js";
import { badRequest } from "../http/errors.js";
import { isUuid } from "../policy/index.js";

interface Row {
  id: string;
  at: Date;
  kind: AuditEntry["kind"];
  actor_id: string | null;
  actor_email: string | null;
  space_id: string | null;
  space_name: string | null;
  target_type: string | null;
  target_id: string | null;
  details: Record<string, unknown> | string;
  address: string | null;
}

export type RawAuditEntry = Omit<AuditEntry, "target" | "summary">;

/** One page of entries, newest first, filtered as the query says. */
export async function searchAudit(q: Queryable, f: AuditQuery, limit: number): Promise<RawAuditEntry[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace("?", `$${params.length}`));
  };
  if (f.actor) add("a.actor_email ILIKE ?", `%${f.actor.replace(/[%_\\]/g, "\\$&")}%`);
  if (f.space) add("a.space_id = ?", f.space);
  if (f.kind) add("a.kind = ?", f.kind);
  if (f.from) add("a.at >= ?::date", f.from);
  if (f.to) add("a.at < ?::date + 1", f.to);
  if (f.before) {
    // The entry itself is the cursor: its timestamp keeps the database's full precision.
    if (!isUuid(f.before)) throw badRequest("invalid_cursor", "Curseur de pagination invalide.");
    add("(a.at, a.id) < (SELECT p.at, p.id FROM audit_log p WHERE p.id = ?)", f.before);
  }
  params.push(limit);
  const rows = await q.query<Row>(
    `SELECT a.*, s.name AS space_name FROM audit_log a LEFT JOIN spaces s ON s.id = a.space_id
      ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
      ORDER BY a.at DESC, a.id DESC LIMIT $${params.length}`,
    params,
  );
  return rows.map((r) => ({
    id: r.id,
    at: new Date(r.at).toISOString(),
    kind: r.kind,
    actorId: r.actor_id,
    actorEmail: r.actor_email,
    spaceId: r.space_id,
    spaceName: r.space_name,
    targetType: r.target_type,
    targetId: r.target_id,
    details: typeof r.details === "string" ? JSON.parse(r.details) : r.details,
    address: r.address,
  }));
}
