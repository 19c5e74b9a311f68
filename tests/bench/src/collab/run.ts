/**
 * The collaboration benchmark: Atelier beside the reference y-websocket server and Hocuspocus,
 * same workload, same client machine. `pnpm bench` from the repository root; settings by env:
 *   BENCH_EDITS (600)    edits of automerge-paper typed per latency run
 *   BENCH_RATE (20)      edits per second (a fast typist; the client process saturates first above ~100)
 *   BENCH_DOCS (200), BENCH_CLIENTS (5), BENCH_TYPING_S (20)   the many-documents run
 *   BENCH_COLD_RUNS (3)  cold opens per stage
 *   BENCH_FANOUT (100,500,1500)  raw observers of the fan-out runs (reference and Atelier: Hocuspocus speaks its own protocol)
 *   BENCH_ONLY           comma-separated: latency,fanout,idle,cold
 *   BENCH_SERVERS        comma-separated: reference,hocuspocus,atelier,atelier-pg
 *   DATABASE_URL         also measure Atelier on PostgreSQL
 * Results: printed as Markdown and written to tests/bench/out/collab-<date>.json.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { coldOpen, type ColdOpenResult } from "./coldopen.js";
import { fanoutRun, type FanoutResult } from "./fanout.js";
import { idleRun, type IdleResult } from "./idle.js";
import { latencyRun, type LatencyResult } from "./latency.js";
import { REPO, startAtelier, startHocuspocus, startReference, type RunningServer } from "./servers.js";
import { loadTrace } from "./trace.js";

const env = (k: string, d: number) => Number(process.env[k] ?? d);
const EDITS = env("BENCH_EDITS", 600);
const RATE = env("BENCH_RATE", 20);
const DOCS = env("BENCH_DOCS", 200);
const CLIENTS = env("BENCH_CLIENTS", 5);
const TYPING_S = env("BENCH_TYPING_S", 20);
const COLD_RUNS = env("BENCH_COLD_RUNS", 3);
const FANOUT = (process.env.BENCH_FANOUT ?? "100,500,1500").split(",").map(Number);
const ONLY = new Set((process.env.BENCH_ONLY ?? "latency,fanout,idle,cold").split(","));
const DATABASE_URL = process.env.DATABASE_URL;

const SERVERS = new Set((process.env.BENCH_SERVERS ?? "reference,hocuspocus,atelier,atelier-pg").split(","));
const contenders: (() => Promise<RunningServer>)[] = [
  ...(SERVERS.has("reference") ? [startReference] : []),
  ...(SERVERS.has("hocuspocus") ? [startHocuspocus] : []),
  ...(SERVERS.has("atelier") ? [() => startAtelier()] : []),
  ...(SERVERS.has("atelier-pg") && DATABASE_URL ? [() => startAtelier({ databaseUrl: DATABASE_URL })] : []),
];

async function main() {
  const trace = loadTrace("automerge-paper");
  const txns = trace.txns.slice(0, EDITS);
  const latency: LatencyResult[] = [];
  const fanout: FanoutResult[] = [];
  const idle: IdleResult[] = [];
  const cold: ColdOpenResult[] = [];

  for (const start of contenders) {
    if (ONLY.has("latency")) {
      for (const observers of [1, 10, 100]) {
        const server = await start();
        try {
          const r = await latencyRun(server, observers, txns, RATE);
          console.log(JSON.stringify(r));
          latency.push(r);
        } finally {
          await server.stop();
        }
      }
    }
    if (ONLY.has("fanout")) {
      for (const observers of FANOUT) {
        const server = await start();
        try {
          if (!server.raw) break;
          const r = await fanoutRun(server, observers, txns, RATE);
          console.log(JSON.stringify(r));
          fanout.push(r);
        } finally {
          await server.stop();
        }
      }
    }
    if (ONLY.has("idle")) {
      const server = await start();
      try {
        const r = await idleRun(server, DOCS, CLIENTS, TYPING_S);
        console.log(JSON.stringify(r));
        idle.push(r);
      } finally {
        await server.stop();
      }
    }
  }
  if (ONLY.has("cold")) {
    for (const url of [undefined, ...(DATABASE_URL ? [DATABASE_URL] : [])]) {
      const dir = await mkdtemp(path.join(os.tmpdir(), "atelier-cold-"));
      try {
        const rs = await coldOpen(trace, dir, url, COLD_RUNS);
        rs.forEach((r) => console.log(JSON.stringify(r)));
        cold.push(...rs);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    }
  }

  const md = [
    `Banc collaboratif — ${new Date().toISOString()} — ${os.cpus().length} cœurs, Node ${process.version}`,
    `Trace automerge-paper (josephg/editing-traces, CC BY 4.0) : ${txns.length} modifications à ${RATE}/s.`,
    "",
    "| serveur | observateurs | p50 (ms) | p99 (ms) | max (ms) | CPU serveur (% d'un cœur) | RSS max (Mio) |",
    "|---|---|---|---|---|---|---|",
    ...latency.map((r) => `| ${r.server} | ${r.observers} | ${r.p50} | ${r.p99} | ${r.max} | ${r.cpuPercent} | ${r.peakRssMiB} |`),
    "",
    "| serveur | observateurs bruts | p50 (ms) | p99 (ms) | max (ms) | incomplets | CPU serveur (% d'un cœur) | RSS max (Mio) |",
    "|---|---|---|---|---|---|---|---|",
    ...fanout.map((r) => `| ${r.server} | ${r.observers} | ${r.p50} | ${r.p99} | ${r.max} | ${r.incomplete} | ${r.cpuPercent} | ${r.peakRssMiB} |`),
    "",
    `| serveur | documents | connexions | RSS de base (Mio) | par document (Kio) | par connexion (Kio) | CPU en saisie (%) |`,
    "|---|---|---|---|---|---|---|",
    ...idle.map((r) => `| ${r.server} | ${r.documents} | ${r.connections} | ${r.baselineMiB} | ${r.perDocumentKiB} | ${r.perConnectionKiB} | ${r.typingCpuPercent} |`),
    "",
    "| base | état du journal | lignes | octets | ouvertures (ms) | médiane (ms) |",
    "|---|---|---|---|---|---|",
    ...cold.map((r) => `| ${r.database} | ${r.stage} | ${r.rows} | ${r.bytes} | ${r.openMs.join(", ")} | ${r.medianMs} |`),
  ].join("\n");
  console.log(`\n${md}`);
  const out = path.join(REPO, "tests/bench/out");
  await mkdir(out, { recursive: true });
  await writeFile(path.join(out, `collab-${Date.now()}.json`), JSON.stringify({ latency, fanout, idle, cold }, null, 2));
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
