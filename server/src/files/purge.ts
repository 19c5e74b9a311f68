import { FILE_TRASH_DAYS } from "@atelier/shared";
import type { Services } from "../context.js";
import type { MaintenanceTask } from "../maintenance.js";

/**
 * Empties recycle bins: files deleted more than 30 days ago lose their rows, then their bytes.
 * Keys go through storage_garbage in the same transaction as the rows, so bytes whose removal
 * fails (storage down) are retried at the next run instead of being forgotten.
 */
export async function purgeFiles(
  s: Pick<Services, "db" | "storage" | "bus">,
  now = new Date(),
): Promise<{ files: number; objects: number }> {
  const cutoff = new Date(now.getTime() - FILE_TRASH_DAYS * 24 * 3600 * 1000);
  const files = await s.db.tx(async (q) => {
    await q.query(
      `INSERT INTO storage_garbage (key)
       SELECT DISTINCT v.storage_key FROM file_versions v JOIN files f ON f.id = v.file_id
        WHERE f.deleted_at < $1
       ON CONFLICT DO NOTHING`,
      [cutoff],
    );
    const gone = await q.query<{ id: string }>("DELETE FROM files WHERE deleted_at < $1 RETURNING id", [cutoff]);
    for (const { id } of gone) await s.bus.emit(q, "fileChanged", { fileId: id });
    return gone.length;
  });

  const garbage = await s.db.query<{ key: string }>("SELECT key FROM storage_garbage ORDER BY created_at LIMIT 1000");
  const failures: string[] = [];
  let objects = 0;
  for (const { key } of garbage) {
    try {
      await s.storage.delete(key);
      await s.db.query("DELETE FROM storage_garbage WHERE key = $1", [key]);
      objects++;
    } catch (err) {
      failures.push(`${key}: ${(err as Error).message}`);
    }
  }
  if (failures.length) throw new Error(`${failures.length} objets non supprimés (nouvel essai plus tard) : ${failures[0]}`);
  return { files, objects };
}

export const filesPurge: MaintenanceTask = {
  name: "purge des corbeilles de fichiers",
  everyMs: 6 * 3600 * 1000,
  run: (s) => purgeFiles(s),
};
