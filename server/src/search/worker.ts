/**
 * The indexer: takes due rows of the queue, reads each item and writes its entry, off the path
 * of the edits themselves. One runs in every server process; they share the queue (SKIP LOCKED).
 */
import type { Services } from "../context.js";
import { removeEntry, writeEntry, type Entry } from "./entries.js";
import { commentEntry, documentEntry, fileEntry } from "./items.js";
import { claim, fail, release, type Claimed, type EntryType } from "./queue.js";
import { log } from "../logging/logger.js";

const POLL_MS = 250;
const BATCH = 10;

const readers: Record<EntryType, (s: Services, id: string) => Promise<Entry | null>> = {
  document: documentEntry,
  file: fileEntry,
  comment: commentEntry,
};

async function indexOne(s: Services, row: Claimed): Promise<void> {
  try {
    const entry = await readers[row.type](s, row.id);
    await s.db.tx(async (q) => {
      if (entry) await writeEntry(q, entry);
      else await removeEntry(q, row.type, row.id);
      await release(q, row);
    });
  } catch (err) {
    log.error({ err }, `[recherche] indexation impossible (${row.type} ${row.id})`);
    await fail(s.db, row, (err as Error).stack ?? String(err));
  }
}

async function unclaim(s: Services, rows: Claimed[]): Promise<void> {
  await s.db.query("UPDATE search_queue SET claimed_until = NULL WHERE (type, id) IN (SELECT * FROM unnest($1::text[], $2::uuid[]))", [
    rows.map((r) => r.type),
    rows.map((r) => r.id),
  ]);
}

/** Indexes what is due now, round after round, until nothing is left; returns how many items. */
export async function drainSearchQueue(s: Services, keepGoing = () => true): Promise<number> {
  let done = 0;
  while (keepGoing()) {
    const rows = await s.db.tx((q) => claim(q, BATCH));
    if (!rows.length) return done;
    for (const [i, row] of rows.entries()) {
      // Stopping: what was taken and not done is handed back at once, not after the claim expires.
      if (!keepGoing()) {
        await unclaim(s, rows.slice(i));
        return done + i;
      }
      await indexOne(s, row);
    }
    done += rows.length;
  }
  return done;
}

/** Starts the indexer of this process; the returned function stops it once its current item is done. */
export function startSearchWorker(s: Services): () => Promise<void> {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  // The embedded database has one process: claims left in it were a stopped process's.
  if (s.db.kind === "pglite") running = s.db.query("UPDATE search_queue SET claimed_until = NULL").then(() => undefined);
  const round = () => {
    running = drainSearchQueue(s, () => !stopped)
      .then(() => undefined)
      .catch((err: Error) => log.error({ err }, "[recherche] file d'indexation illisible"))
      .finally(() => {
        if (!stopped) timer = setTimeout(round, POLL_MS);
      });
  };
  void running.then(round);
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
  };
}
