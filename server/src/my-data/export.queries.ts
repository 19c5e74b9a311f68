/**
 * What Atelier holds about one person (RGPD right of access): every row that is theirs or about them,
 * read by their id only, so nothing of anyone else comes along (a comment's thread shows its quote,
 * not the other people's replies; an audit entry about them keeps only their own part).
 * Session token hashes and the password hash are never part of it.
 */
import type { Queryable } from "../db/index.js";

export interface MyData {
  generatedAt: string;
  account: Record<string, unknown>;
  proConnect: Record<string, unknown>[];
  memberships: Record<string, unknown>[];
  sessions: Record<string, unknown>[];
  comments: Record<string, unknown>[];
  files: Record<string, unknown>[];
  notifications: Record<string, unknown>[];
  notificationPreferences: Record<string, unknown>[];
  accessRequests: Record<string, unknown>[];
  auditEntries: Record<string, unknown>[];
}

export async function collectMyData(q: Queryable, userId: string): Promise<MyData> {
  const one = <T extends Record<string, unknown>>(sql: string) => q.query<T>(sql, [userId]);
  const [account] = await one(
    `SELECT id, email, first_name AS "firstName", last_name AS "lastName", organisation, platform_role AS "platformRole",
            active, time_zone AS "timeZone", created_at AS "createdAt", password_hash IS NOT NULL AS "hasPassword"
       FROM users WHERE id = $1`,
  );
  return {
    generatedAt: new Date().toISOString(),
    account: account!,
    proConnect: await one(`SELECT sub, created_at AS "linkedAt" FROM proconnect_identities WHERE user_id = $1`),
    memberships: await one(
      `SELECT s.name AS space, s.slug, m.role, m.created_at AS "since"
         FROM memberships m JOIN spaces s ON s.id = m.space_id WHERE m.user_id = $1 ORDER BY s.name`,
    ),
    sessions: await one(
      `SELECT created_at AS "openedAt", last_verified_at AS "lastSeenAt", logout_url IS NOT NULL AS "throughProConnect"
         FROM sessions WHERE user_id = $1 ORDER BY created_at`,
    ),
    comments: await one(
      `SELECT c.id, d.title AS document, t.quote, c.body, c.created_at AS "createdAt"
         FROM comments c JOIN comment_threads t ON t.id = c.thread_id JOIN documents d ON d.id = t.document_id
        WHERE c.author_id = $1 ORDER BY c.created_at`,
    ),
    files: await one(
      `SELECT f.id, f.title, s.name AS space, v.number AS version, v.original_name AS "fileName", v.size, v.mime_type AS "mimeType",
              v.created_at AS "uploadedAt"
         FROM file_versions v JOIN files f ON f.id = v.file_id JOIN spaces s ON s.id = f.space_id
        WHERE v.uploaded_by = $1 ORDER BY v.created_at`,
    ),
    notifications: await one(
      `SELECT kind, summary, link, created_at AS "createdAt", read_at AS "readAt"
         FROM notifications WHERE user_id = $1 ORDER BY created_at`,
    ),
    notificationPreferences: await one(`SELECT kind, mode FROM notification_preferences WHERE user_id = $1 ORDER BY kind`),
    accessRequests: await one(
      `SELECT s.name AS space, r.message, r.status, r.created_at AS "createdAt"
         FROM access_requests r JOIN spaces s ON s.id = r.space_id WHERE r.user_id = $1 ORDER BY r.created_at`,
    ),
    // Entries they did or that were done to their account; an entry's actor is named only when it is them.
    auditEntries: await one(
      `SELECT at, kind, CASE WHEN actor_id = $1 THEN 'vous' ELSE 'un autre compte' END AS "by",
              CASE WHEN actor_id = $1 THEN address END AS address, target_type AS "targetType", target_id AS "targetId"
         FROM audit_log WHERE actor_id = $1 OR (target_type = 'user' AND target_id = $1::text) ORDER BY at`,
    ),
  };
}
