import type { Services } from "../context.js";
import { discard } from "../files/upload.js";
import type { MaintenanceTask } from "../maintenance.js";
import { deleteSession, expiredSessions, type SessionRow } from "./queries.js";

/**
 * Drops what an abandoned or cancelled upload stored (its parts, its tail), then its row. The
 * final object is not the session's to drop: once complete it belongs to a file.
 */
export async function dropSession(s: Pick<Services, "db" | "storage">, row: SessionRow): Promise<void> {
  if (row.multipart_id) await s.storage.multipart.abort(row.storage_key, row.multipart_id);
  if (row.tail_key) await discard(s, row.tail_key);
  await deleteSession(s.db, row.id);
}

/** Expired sessions (24 h without a piece, or cancelled); a failure keeps the row for the next run. */
export async function purgeUploads(s: Pick<Services, "db" | "storage">): Promise<{ sessions: number }> {
  const failures: string[] = [];
  let sessions = 0;
  for (const row of await expiredSessions(s.db, 500)) {
    try {
      await dropSession(s, row);
      sessions++;
    } catch (err) {
      failures.push(`${row.id}: ${(err as Error).message}`);
    }
  }
  if (failures.length) throw new Error(`${failures.length} envois non nettoyés (nouvel essai plus tard) : ${failures[0]}`);
  return { sessions };
}

export const uploadsPurge: MaintenanceTask = {
  name: "nettoyage des envois abandonnés",
  everyMs: 3600 * 1000,
  run: (s) => purgeUploads(s),
};
