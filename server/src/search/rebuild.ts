/**
 * Rebuilds the whole search index: every document, file and comment thread is queued again (files'
 * contents read again from their bytes), then indexed by this process. `pnpm --filter
 * @atelier/server search:rebuild`, with the same environment as the server. On PostgreSQL it may
 * run beside the instances (they share the queue); the embedded database wants the server stopped.
 */
import { pathToFileURL } from "node:url";
import { loadConfig } from "../config.js";
import { openDb } from "../db/index.js";
import { migrate } from "../db/migrate.js";
import { createServices } from "../services.js";
import type { Services } from "../context.js";
import { enqueueEverything } from "./queue.js";
import { drainSearchQueue } from "./worker.js";

export async function rebuildIndex(s: Services): Promise<number> {
  await s.db.tx(async (q) => {
    await q.query("UPDATE search_entries SET content_key = NULL");
    await enqueueEverything(q);
  });
  return drainSearchQueue(s);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const config = loadConfig();
  const db = await openDb(config);
  await migrate(db);
  const services = await createServices(config, db);
  const started = Date.now();
  const n = await rebuildIndex(services);
  const [left] = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM search_queue WHERE attempts > 0");
  console.log(`Index de recherche reconstruit : ${n} éléments en ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  if (left!.n) console.log(`${left!.n} éléments n'ont pas pu être indexés (voir search_queue.last_error) ; ils seront réessayés par le serveur.`);
  await db.close();
}
