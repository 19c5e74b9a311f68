/**
 * Applies the SQL files of ./migrations in name order, each once, each in a transaction.
 * An advisory lock keeps two instances starting together from applying the same file twice.
 */
import { readdir, readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { Db } from "./types.js";

const dir = fileURLToPath(new URL("./migrations/", import.meta.url));

export async function migrate(db: Db): Promise<string[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith(".sql")).sort();
  const applied: string[] = [];
  await db.tx(async (q) => {
    await q.query("SELECT pg_advisory_xact_lock(727001)");
    await q.query(
      "CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
    );
    const done = new Set((await q.query<{ name: string }>("SELECT name FROM schema_migrations")).map((r) => r.name));
    for (const file of files) {
      if (done.has(file)) continue;
      await q.exec(await readFile(dir + file, "utf8"));
      await q.query("INSERT INTO schema_migrations (name) VALUES ($1)", [file]);
      applied.push(file);
    }
  });
  return applied;
}
