/**
 * Cold open of the document the automerge-paper trace builds: its 260k updates stored as the log
 * the server would have written, opened by a first client after a restart; then the same after
 * compaction. The server is killed (SIGKILL) after each open so that it never compacts on its own.
 */
import pg from "pg";
import * as Y from "yjs";
import { compactLog } from "../../../../server/src/documents/content.js";
import { openDb, type Db } from "../../../../server/src/db/index.js";
import { migrate } from "../../../../server/src/db/migrate.js";
import { seedDemo } from "../../../../server/src/seed/demo.js";
import { startAtelier } from "./servers.js";
import { round } from "./stats.js";
import type { SequentialTrace } from "./trace.js";
import { appendParagraph, lastParagraphText, applyPatches } from "./ydoc.js";

export interface ColdOpenResult {
  database: string;
  stage: "journal brut" | "après compaction";
  rows: number;
  bytes: number;
  openMs: number[];
  medianMs: number;
}

/** Every update the trace produces, one per transaction, as an editor's client would send them. */
export function traceUpdates(trace: SequentialTrace): { updates: Uint8Array[]; text: string } {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on("update", (u: Uint8Array) => updates.push(u));
  const text = appendParagraph(doc);
  for (const t of trace.txns) doc.transact(() => applyPatches(text, t.patches));
  return { updates, text: text.toString() };
}

async function prepare(db: Db, updates: Uint8Array[]): Promise<string> {
  await migrate(db);
  await seedDemo(db);
  const [row] = await db.query<{ space: string; user: string }>(
    `SELECT s.id AS space, u.id AS "user" FROM spaces s, users u WHERE s.slug = 'grand-sud' AND u.email = 'membre.grand-sud@atelier.test'`,
  );
  const id = crypto.randomUUID();
  await db.query("INSERT INTO documents (id, space_id, title, kind, created_by) VALUES ($1, $2, 'automerge-paper', 'livrable', $3)", [
    id,
    row!.space,
    row!.user,
  ]);
  for (let i = 0; i < updates.length; i += 2000) {
    const batch = updates.slice(i, i + 2000);
    const values = batch.map((_, k) => `($1, $${k + 2})`).join(", ");
    await db.query(`INSERT INTO document_updates (document_id, data) VALUES ${values}`, [id, ...batch]);
  }
  return id;
}

async function logSize(db: Db, id: string) {
  const [r] = await db.query<{ rows: number; bytes: number }>(
    "SELECT count(*)::int AS rows, coalesce(sum(octet_length(data)), 0)::int AS bytes FROM document_updates WHERE document_id = $1",
    [id],
  );
  return r!;
}

async function openTimes(dataDir: string, databaseUrl: string | undefined, id: string, expected: string, runs: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const server = await startAtelier({ dataDir, databaseUrl });
    const t0 = performance.now();
    const client = server.connect(id);
    await client.synced;
    times.push(performance.now() - t0);
    const got = lastParagraphText(client.doc)?.toString();
    if (got !== expected) throw new Error("le document ouvert ne correspond pas à la trace");
    await server.stop();
    client.destroy();
  }
  return times;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function coldOpen(trace: SequentialTrace, dataDir: string, databaseUrl: string | undefined, runs: number): Promise<ColdOpenResult[]> {
  const { updates, text } = traceUpdates(trace);
  if (text !== trace.endContent) throw new Error("la trace rejouée ne donne pas son endContent");
  const label = databaseUrl ? "PostgreSQL" : "PGlite";
  let url = databaseUrl;
  if (databaseUrl) {
    // A database of its own, dropped at the end.
    const name = `atelier_bench_${process.pid}`;
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const u = new URL(databaseUrl);
    u.pathname = `/${name}`;
    url = u.toString();
  }
  const config = { DATABASE_URL: url, DATA_DIR: dataDir };
  let db = await openDb(config);
  const id = await prepare(db, updates);
  const raw = await logSize(db, id);
  await db.close();

  const rawTimes = await openTimes(dataDir, url, id, text, runs);
  db = await openDb(config);
  await compactLog(db, id);
  const compacted = await logSize(db, id);
  await db.close();
  const compactTimes = await openTimes(dataDir, url, id, text, runs);
  const r = (xs: number[]) => xs.map((x) => round(x));
  return [
    { database: label, stage: "journal brut", ...raw, openMs: r(rawTimes), medianMs: round(median(rawTimes)) },
    { database: label, stage: "après compaction", ...compacted, openMs: r(compactTimes), medianMs: round(median(compactTimes)) },
  ];
}
