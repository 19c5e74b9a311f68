/**
 * The public site under load: the home, the events list, a practice's page and an event's page,
 * each under SITE_BENCH_CONNECTIONS clients (200) for SITE_BENCH_SECONDS (60), with autocannon,
 * against Atelier in its own process (demo programme, a dozen published events, one with a
 * document). With the server's page cache (as shipped), each page is measured twice: a visit with
 * no validator (the page from memory) and a revalidation (If-None-Match with its ETag: a 304 without
 * the body); then the same server is started again on the same data without it
 * (PAGE_CACHE_SECONDS=0: every visit renders). The baseline, in the same run, is the site's
 * stylesheet (/site/site.css), a file the same server sends from memory.
 * On PostgreSQL when DATABASE_URL is set (a scratch database, dropped after), else embedded PGlite.
 * Writes tests/bench/out/site-<time>.json and prints a Markdown table.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { spawnServer } from "@atelier/server/src/collab/spawn.js";
import { scratchDatabase } from "@atelier/server/test/scratch-db.js";
import { REPO } from "../collab/servers.js";

const SECONDS = Number(process.env.SITE_BENCH_SECONDS ?? 60);
const CONNECTIONS = Number(process.env.SITE_BENCH_CONNECTIONS ?? 200);
// What a browser sends: compression is part of what a page costs.
const BROWSER = { "accept-encoding": "gzip, deflate, br", accept: "text/html,*/*" };

const db = process.env.DATABASE_URL ? await scratchDatabase("atelier_site_bench") : null;
const dataDir = await mkdtemp(path.join(os.tmpdir(), "atelier-site-bench-"));
const env = { DATA_DIR: dataDir, LOG_LEVEL: "warn", ...(db ? { DATABASE_URL: db.url } : {}) };
let server = await spawnServer({ ...env, SEED_DEMO: "true" });

try {
  // A committee's agenda as the pilote fills it: a dozen events, the first with its programme attached.
  const pilote = await server.as("pilote.grand-sud@atelier.test");
  const spaces = (await pilote.get("/api/spaces")).body.spaces as { id: string; slug: string }[];
  const grandSud = spaces.find((s) => s.slug === "grand-sud")!.id;
  const slugs: string[] = [];
  for (let i = 1; i <= 12; i++) {
    const day = String(i).padStart(2, "0");
    const r = await pilote.post(`/api/spaces/${grandSud}/events`, {
      kind: i === 1 ? "assises-interregionales" : "evenement-regional",
      title: i === 1 ? "Assises interrégionales du Grand-Sud" : `Rencontre régionale n° ${i}`,
      summary: "État des lieux, pratiques inspirantes et leviers d'action du travail social sur le territoire.",
      programme: "9 h 30 : accueil\n\n10 h : tables rondes sur la place des usagers\n\n14 h : ateliers\n\n16 h 30 : clôture",
      startsAt: `2027-03-${day}T09:30`,
      endsAt: `2027-03-${day}T17:00`,
      place: "Palais du Pharo",
      address: "58 boulevard Charles Livon, 13007 Marseille",
      themes: ["place-des-usagers"],
      published: true,
      // The last one without registration: its page carries no form.
      registrationOpen: i < 12,
      capacity: 300,
    });
    if (r.status !== 201) throw new Error(`événement : ${r.status} ${JSON.stringify(r.body)}`);
    slugs.push(r.body.event.slug);
    if (i === 1) {
      const up = await pilote.raw("POST", `/api/spaces/${grandSud}/files?name=programme.pdf&title=Programme`, {
        body: "%PDF-1.4\n%%EOF\n",
        headers: { "content-type": "application/octet-stream" },
      });
      const fileId = ((await up.json()) as { file: { id: string } }).file.id;
      await pilote.post(`/api/events/${r.body.event.id}/documents`, { fileId });
    }
  }

  // One of the demo practices, as the list links it.
  const practice = /href="(\/pratiques-inspirantes\/[a-z0-9-]+)"/.exec(await (await fetch(server.url + "/pratiques-inspirantes")).text())?.[1];
  if (!practice) throw new Error("aucune pratique publiée dans la démonstration");
  const targets = [
    { name: "référence : /site/site.css", path: "/site/site.css" },
    { name: "accueil", path: "/" },
    { name: "liste des événements", path: "/evenements" },
    { name: "page d'une pratique", path: practice },
    { name: "page d'un événement (inscriptions ouvertes)", path: `/evenements/${slugs[0]}` },
  ];

  const run = (url: string, headers: Record<string, string>) =>
    autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers: { ...BROWSER, ...headers } });

  const results = [];
  const loadBefore = os.loadavg()[0]!;
  for (const cache of ["avec le cache", "sans le cache"] as const) {
    if (cache === "sans le cache") {
      await server.kill();
      server = await spawnServer({ ...env, SEED_DEMO: "false", PAGE_CACHE_SECONDS: "0" });
    }
    for (const t of targets) {
      if (cache === "sans le cache" && t === targets[0]) continue;
      const first = await fetch(server.url + t.path, { headers: BROWSER });
      const body = await first.text();
      if (first.status !== 200) throw new Error(`${t.path} : ${first.status}`);
      const etag = first.headers.get("etag");
      const modes = etag && cache === "avec le cache" ? (["visite", "revalidation (ETag)"] as const) : (["visite"] as const);
      for (const mode of modes) {
        const r = await run(server.url + t.path, mode === "visite" ? {} : { "if-none-match": etag! });
        const ok = mode === "visite" ? r["2xx"] : (r.statusCodeStats?.["304"]?.count ?? 0);
        results.push({
          page: t.name,
          path: t.path,
          cache,
          mode,
          requestsPerSecond: Math.round(r.requests.average),
          p50: r.latency.p50,
          p99: r.latency.p99,
          expectedStatus: ok,
          otherStatus: r.requests.total - ok,
          errors: r.errors + r.timeouts,
          // On the wire, headers included, compressed when the page is.
          bytesPerResponse: Math.round(r.throughput.total / Math.max(1, r.requests.total)),
          htmlBytes: Buffer.byteLength(body),
        });
        console.log(`${t.name} — ${cache}, ${mode} : ${Math.round(r.requests.average)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms`);
      }
    }
  }
  const base = results[0]!;
  const rows = results.map((r) => ({ ...r, throughputRatio: +(r.requestsPerSecond / base.requestsPerSecond).toFixed(2), p99Ratio: +(r.p99 / Math.max(1, base.p99)).toFixed(2) }));
  const out = {
    at: new Date().toISOString(),
    seconds: SECONDS,
    connections: CONNECTIONS,
    database: db ? "postgresql" : "pglite",
    cores: os.cpus().length,
    loadAverage: { before: +loadBefore.toFixed(1), after: +os.loadavg()[0]!.toFixed(1) },
    rows,
  };
  const dir = path.join(REPO, "tests/bench/out");
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `site-${Date.now()}.json`);
  await writeFile(file, JSON.stringify(out, null, 2));
  console.log(`\n${CONNECTIONS} clients, ${SECONDS} s, ${out.database}, charge ${out.loadAverage.before} → ${out.loadAverage.after} (${path.basename(file)})\n`);
  console.log("| page | cache | mode | req/s | p50 (ms) | p99 (ms) | octets/réponse | HTML (octets) | débit ÷ réf. | p99 ÷ réf. |");
  console.log("|---|---|---|---|---|---|---|---|---|---|");
  for (const r of rows) {
    const bad = r.otherStatus + r.errors > 0 ? ` (${r.otherStatus} autres statuts, ${r.errors} erreurs)` : "";
    console.log(`| ${r.page} | ${r.cache} | ${r.mode} | ${r.requestsPerSecond}${bad} | ${r.p50} | ${r.p99} | ${r.bytesPerResponse} | ${r.htmlBytes} | ${r.throughputRatio} | ${r.p99Ratio} |`);
  }
} finally {
  await server.kill();
  await db?.drop();
  await rm(dataDir, { recursive: true, force: true });
}
