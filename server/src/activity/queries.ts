/**
 * A space's recent activity, read from what the capabilities already record: documents created,
 * their authors' latest writing, comments, status changes and files added. What lies in a trash is
 * left out: it exists only for those who may restore it, and not on the space's home.
 */
import type { ActivityEntry, ActivityKind, DocumentStatus } from "@atelier/shared";
import type { Queryable } from "../db/index.js";

interface Row {
  kind: ActivityKind;
  at: Date;
  actor_id: string | null;
  actor_name: string | null;
  target_type: "document" | "file";
  target_id: string;
  title: string;
  status: DocumentStatus | null;
}

export async function spaceActivity(q: Queryable, spaceId: string, limit: number): Promise<ActivityEntry[]> {
  const rows = await q.query<Row>(
    `WITH live AS (SELECT id, title, created_at, created_by FROM documents WHERE space_id = $1 AND trashed_at IS NULL),
     events AS (
       SELECT 'document.created' AS kind, d.created_at AS at, d.created_by AS actor_id, 'document' AS target_type,
              d.id::text AS target_id, d.title, NULL::text AS status
         FROM live d
       UNION ALL
       SELECT 'document.edited', a.last_edit_at, a.user_id, 'document', d.id::text, d.title, NULL
         FROM document_authors a JOIN live d ON d.id = a.document_id
       UNION ALL
       SELECT 'comment', c.created_at, c.author_id, 'document', d.id::text, d.title, NULL
         FROM comments c JOIN comment_threads t ON t.id = c.thread_id JOIN live d ON d.id = t.document_id
       UNION ALL
       SELECT 'status', s.at, s.actor_id, 'document', d.id::text, d.title, s.to_status
         FROM document_status_changes s JOIN live d ON d.id = s.document_id
       UNION ALL
       SELECT CASE WHEN v.number = 1 THEN 'file.added' ELSE 'file.version' END, v.created_at, v.uploaded_by, 'file',
              f.id::text, f.title, NULL
         FROM file_versions v JOIN files f ON f.id = v.file_id
        WHERE f.space_id = $1 AND f.deleted_at IS NULL
     )
     SELECT e.*, NULLIF(trim(u.first_name || ' ' || u.last_name), '') AS actor_name
       FROM events e LEFT JOIN users u ON u.id = e.actor_id
      ORDER BY e.at DESC, e.kind, e.target_id
      LIMIT $2`,
    [spaceId, limit],
  );
  return rows.map((r) => ({
    kind: r.kind,
    at: new Date(r.at).toISOString(),
    actor: r.actor_id ? { id: r.actor_id, name: r.actor_name ?? "" } : null,
    target: { type: r.target_type, id: r.target_id, title: r.title },
    status: r.status,
  }));
}
