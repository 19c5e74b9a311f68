/**
 * Search at scale, on PostgreSQL: SEARCH_BENCH_DOCS documents (100,000 by default) and a tenth as
 * many files' extracted texts, built from the fixtures' paragraphs and spread over the programme's
 * committees, written straight into the index as the indexer writes them. Measures p50/p95 of one-
 * and two-word queries and of suggestions for a member of one committee and for the national team,
 * the same queries as a plain ILIKE scan, the index's size, and the lag of live indexing while a
 * y-websocket client makes 20 edits per second. Figures: docs/benchmarks.md; raw: out/search.json.
 */
import { mkdir, readFile, readdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import * as Y from "yjs";
import { loadConfig } from "@atelier/server/src/config.js";
import { migrate } from "@atelier/server/src/db/migrate.js";
import { openPostgres } from "@atelier/server/src/db/postgres.js";
import { searchScope } from "@atelier/server/src/policy/search.js";
import { search, suggest } from "@atelier/server/src/search/query.js";
import { seedDemo } from "@atelier/server/src/seed/demo.js";
import { spawnServer } from "@atelier/server/src/collab/spawn.js";
import { connect, synced } from "@atelier/server/src/collab/test-helpers.js";
import { REPO } from "../collab/servers.js";

const PG = process.env.DATABASE_URL;
if (!PG) {
  console.log("DATABASE_URL manquant : ce banc tourne sur PostgreSQL.");
  process.exit(0);
}
const DOCS = Number(process.env.SEARCH_BENCH_DOCS ?? 100_000);
const FILES = Math.round(DOCS / 10);
const ROUNDS = Number(process.env.SEARCH_BENCH_ROUNDS ?? 40);
/** How far the search counts, as the server is configured by default. */
const CAP = loadConfig({}).SEARCH_COUNT_CAP;
/** A database an earlier run built and kept (SEARCH_BENCH_KEEP=1): measured again without rebuilding. */
const REUSE = process.env.SEARCH_BENCH_REUSE;
const KEEP = process.env.SEARCH_BENCH_KEEP === "1" || !!REUSE;

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const stats = (xs: number[]) => ({ p50: +pct(xs, 50).toFixed(1), p95: +pct(xs, 95).toFixed(1), n: xs.length });
async function time(fn: () => Promise<unknown>) {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

async function sql(url: string, text: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text)).rows;
  } finally {
    await c.end();
  }
}

/** Paragraphs and headings of the fixtures, as the editor would hold them. */
async function corpus() {
  const dir = path.join(REPO, "../shared/fixtures/egts");
  const paragraphs: string[] = [];
  const titles: string[] = [];
  for (const f of (await readdir(dir)).filter((f) => /\.(md|txt)$/.test(f) && f !== "README.md")) {
    for (const chunk of (await readFile(path.join(dir, f), "utf8")).split(/\n\s*\n/)) {
      const text = chunk.replace(/<[^>]+>/g, " ").replace(/[#*|]/g, " ").replace(/\s+/g, " ").trim();
      if (/^#/.test(chunk.trim()) && text.length > 8 && text.length < 90) titles.push(text);
      else if (text.length > 60) paragraphs.push(text);
    }
  }
  return { paragraphs, titles };
}

const name = REUSE ?? `atelier_bench_search_${process.pid}`;
if (!REUSE) await sql(PG, `CREATE DATABASE ${name}`);
const u = new URL(PG);
u.pathname = `/${name}`;
const url = u.toString();
const db = await openPostgres(url);
const out: Record<string, unknown> = { docs: DOCS, files: FILES, date: new Date().toISOString(), load: os.loadavg() };
try {
  await migrate(db);
  if (!REUSE) await build();
  async function build() {
    await seedDemo(db);
    const { paragraphs, titles } = await corpus();
    const spaces = (await db.query<{ id: string }>("SELECT id FROM spaces ORDER BY slug")).map((s) => s.id);
    console.log(`${paragraphs.length} paragraphes, ${titles.length} titres, ${spaces.length} comités`);
    const started = performance.now();
    // Bodies of 6 paragraphs (documents) and 10 (files), picked by two co-prime strides.
    const insert = (type: "document" | "file", from: number, to: number, per: number) =>
      db.query(
        `INSERT INTO search_entries (type, id, space_id, document_id, kind, status, themes, title, body, updated_at, tsv)
         SELECT $1, gen_random_uuid(), ($2::uuid[])[1 + i % cardinality($2::uuid[])], NULL,
                (ARRAY['livrable','diagnostic','synthese','compte-rendu','fiche-pratique'])[1 + i % 5],
                CASE WHEN $1 = 'document' THEN (ARRAY['brouillon','en-relecture','valide','transmis'])[1 + i % 4] END,
                ARRAY[(ARRAY['place-des-usagers','hebergement-logement','formation','autonomie'])[1 + i % 4]],
                t.title, b.body, now() - i * interval '1 minute',
                setweight(to_tsvector('atelier_fr', t.title), 'A') || setweight(to_tsvector('atelier_fr', left(b.body, 500000)), 'C')
           FROM generate_series($4::int, $5::int) AS i
          CROSS JOIN LATERAL (SELECT ($6::text[])[1 + (i * 31) % cardinality($6::text[])] || ' ' || i AS title) t
          CROSS JOIN LATERAL (SELECT string_agg(($3::text[])[1 + (i * 7 + k * 13) % cardinality($3::text[])], E'\\n\\n') AS body
                                FROM generate_series(1, $7::int) AS k) b`,
        [type, spaces, paragraphs, from, to, titles, per],
      );
    for (let i = 0; i < DOCS; i += 5000) {
      await insert("document", i, Math.min(DOCS, i + 5000) - 1, 6);
      process.stdout.write(`\rdocuments ${Math.min(DOCS, i + 5000)}/${DOCS}`);
  }
  for (let i = 0; i < FILES; i += 2000) await insert("file", DOCS + i, DOCS + Math.min(FILES, i + 2000) - 1, 10);
  await db.query("ANALYZE search_entries");
  out.buildSeconds = +((performance.now() - started) / 1000).toFixed(1);
  console.log(`\nindex construit en ${out.buildSeconds} s`);
  }
  const [size] = await db.query<Record<string, string>>(
    `SELECT pg_size_pretty(pg_total_relation_size('search_entries')) AS total, pg_size_pretty(pg_relation_size('search_entries')) AS heap,
            pg_size_pretty(pg_relation_size('search_entries_tsv')) AS gin, pg_size_pretty(pg_relation_size('search_entries_title_trgm')) AS trgm,
            pg_size_pretty(pg_relation_size('search_entries_title_prefix')) AS prefix,
            pg_size_pretty(sum(length(body))::bigint) AS text FROM search_entries`,
  );
  out.size = size;

  const one = ["hébergement", "usagers", "formation", "territoires", "pauvreté", "accompagnement", "logement", "insertion", "partenaires", "handicap"];
  const two = ["travail social", "place usagers", "formation continue", "politiques sociales", "aide sociale", "projet territorial", "personnes âgées", "action sociale"];
  const prefixes = ["héb", "usa", "form", "terr", "acc", "log", "ins", "part", "han", "pauv"];
  const actors = {
    membre: (await db.query<{ id: string }>("SELECT id FROM users WHERE email = 'membre.grand-sud@atelier.test'"))[0]!.id,
    national: (await db.query<{ id: string }>("SELECT id FROM users WHERE email = 'national@atelier.test'"))[0]!.id,
  };
  const results: Record<string, unknown> = {};
  for (const [who, id] of Object.entries(actors)) {
    const scope = await searchScope(db, { id, platformRole: who === "national" ? "national" : null });
    const run = async (words: string[], fn: (w: string) => Promise<unknown>) => {
      const xs: number[] = [];
      for (let i = 0; i < ROUNDS; i++) xs.push(await time(() => fn(words[i % words.length]!)));
      return stats(xs);
    };
    const ilike = (w: string) =>
      db.query(
        `SELECT type, id, title, count(*) OVER () AS total FROM search_entries
          WHERE space_id = ANY($1::uuid[]) AND NOT in_trash AND (title ILIKE $2 OR body ILIKE $2)
          ORDER BY updated_at DESC LIMIT 20`,
        [scope.spaces.map((s) => s.id), `%${w}%`],
      );
    results[who] = {
      spaces: scope.spaces.length,
      total: (await db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM search_entries WHERE space_id = ANY($1::uuid[]) AND tsv @@ websearch_to_tsquery('atelier_fr', 'travail')",
        [scope.spaces.map((s) => s.id)],
      ))[0]!.n,
      oneWord: await run(one, (q) => search(db, scope, { q }, null, CAP)),
      twoWords: await run(two, (q) => search(db, scope, { q }, null, CAP)),
      suggest: await run(prefixes, (q) => suggest(db, scope, q)),
      ilikeOneWord: await run(one.slice(0, 5), ilike),
    };
    console.log(who, JSON.stringify(results[who]));
  }
  out.queries = results;

  // Live indexing: one server over this database, in its own process as in production, a stock client typing 20 edits per second.
  const dataDir = path.join(os.tmpdir(), `atelier-bench-search-${process.pid}`);
  const running = await spawnServer({ DATA_DIR: dataDir, SEED_DEMO: "false", LOG_LEVEL: "warn", DATABASE_URL: url });
  try {
    const member = await running.as("membre.grand-sud@atelier.test");
    const grandSud = (await db.query<{ id: string }>("SELECT id FROM spaces WHERE slug = 'grand-sud'"))[0]!.id;
    const docId = (await member.post(`/api/spaces/${grandSud}/documents`, { title: "Frappe mesurée", kind: "compte-rendu" })).body.document.id as string;
    const peer = connect(running.url, member, docId);
    await synced(peer);
    const text = new Y.XmlText();
    const p = new Y.XmlElement("paragraph");
    p.insert(0, [text]);
    peer.doc.getXmlFragment("default").push([p]);
    const typedAt: number[] = [];
    const lags: number[] = [];
    const EDITS = 400;
    const typing = setInterval(() => {
      if (typedAt.length >= EDITS) return clearInterval(typing);
      text.insert(text.length, ` zqmot${typedAt.length}x`);
      typedAt.push(performance.now());
    }, 50);
    let seen = 0;
    while (seen < EDITS) {
      const [row] = await db.query<{ body: string }>("SELECT body FROM search_entries WHERE id = $1", [docId]);
      const last = row ? Math.max(-1, ...[...row.body.matchAll(/zqmot(\d+)x/g)].map((m) => Number(m[1]))) : -1;
      for (; seen <= last; seen++) lags.push(performance.now() - typedAt[seen]!);
      await new Promise((r) => setTimeout(r, 50));
    }
    peer.destroy();
    out.lag = stats(lags);
    console.log("délai d'indexation", JSON.stringify(out.lag));
  } finally {
    await running.kill();
  }
  out.loadAfter = os.loadavg();
  await mkdir(path.join(REPO, "tests/bench/out"), { recursive: true });
  await writeFile(path.join(REPO, "tests/bench/out/search.json"), JSON.stringify(out, null, 2));
} finally {
  await db.close();
  if (!KEEP) await sql(PG, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}
