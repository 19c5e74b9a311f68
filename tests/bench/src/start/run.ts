/**
 * Start time and base memory of the server as production runs it (compiled JavaScript) against the
 * same server through tsx (TypeScript compiled at run time, as before), with the reference
 * @y/websocket-server measured in the same run as the baseline. Each start is timed from the spawn to
 * its "ready" line, on a database already migrated and seeded (what a restart or a deploy does);
 * memory is the resident size once ready, then after 10 s idle. Three starts each, median kept.
 *
 *   pnpm --filter @atelier/bench bench:start            (embedded database)
 *   DATABASE_URL=postgres://… pnpm --filter @atelier/bench bench:start
 *
 * Results: printed as Markdown and written to tests/bench/out/start-<date>.json.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { rssMiB } from "../collab/procstat.js";
import { atelierEnv, freePort, REPO, SERVER_ARGS, spawnReady, stopChild, type Runtime } from "../collab/servers.js";

const RUNS = 3;
const IDLE_MS = 10_000;
const databaseUrl = process.env.DATABASE_URL || undefined;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Start {
  readyMs: number;
  rssReadyMiB: number;
  rssIdleMiB: number;
}

async function startOnce(args: string[], env: Record<string, string>, ready: RegExp, cwd?: string): Promise<Start> {
  const t0 = performance.now();
  const child = await spawnReady(args, env, ready, cwd);
  const readyMs = performance.now() - t0;
  const rssReadyMiB = rssMiB(child.pid!);
  await pause(IDLE_MS);
  const rssIdleMiB = rssMiB(child.pid!);
  await stopChild(child);
  return { readyMs, rssReadyMiB, rssIdleMiB };
}

async function measure(name: string, start: () => Promise<Start>) {
  const runs: Start[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await start());
  const pick = (k: keyof Start) => median(runs.map((r) => r[k]));
  const figures = { name, readyMs: pick("readyMs"), rssReadyMiB: pick("rssReadyMiB"), rssIdleMiB: pick("rssIdleMiB"), runs };
  console.info(`${name} : prêt en ${figures.readyMs.toFixed(0)} ms, ${figures.rssReadyMiB.toFixed(0)} Mio au démarrage, ${figures.rssIdleMiB.toFixed(0)} Mio au repos`);
  return figures;
}

const dataDir = await mkdtemp(path.join(os.tmpdir(), "atelier-start-bench-"));
const server = path.join(REPO, "server");
const atelier = (runtime: Runtime) => async () =>
  startOnce(SERVER_ARGS[runtime], atelierEnv(await freePort(), dataDir, databaseUrl), /Atelier est prêt/, server);
try {
  // A first start migrates and seeds the database; the measured ones find it ready.
  await atelier("compiled")();
  // The reference as its README runs it (`npx y-websocket`): its own JavaScript, no tsx.
  const reference = await measure("y-websocket-server 0.1.1", async () =>
    startOnce([path.join(REPO, "tests/bench/node_modules/@y/websocket-server/src/server.js")], { HOST: "127.0.0.1", PORT: String(await freePort()) }, /running at/),
  );
  const compiled = await measure("Atelier compilé (production)", atelier("compiled"));
  const tsx = await measure("Atelier par tsx", atelier("tsx"));
  const database = databaseUrl ? "PostgreSQL" : "PGlite";
  const row = (f: typeof compiled) =>
    `| ${f.name} | ${f.readyMs.toFixed(0)} ms (${(f.readyMs / reference.readyMs).toFixed(1)}×) | ${f.rssReadyMiB.toFixed(0)} Mio (${(f.rssReadyMiB / reference.rssReadyMiB).toFixed(1)}×) | ${f.rssIdleMiB.toFixed(0)} Mio (${(f.rssIdleMiB / reference.rssIdleMiB).toFixed(1)}×) |`;
  console.info(
    [
      "",
      `Démarrage sur ${database} (médiane de ${RUNS}, rapport à la référence mesurée dans la même exécution)`,
      "",
      "| Serveur | Prêt en | Mémoire une fois prêt | Après 10 s au repos |",
      "|---|---|---|---|",
      `| ${reference.name} (référence) | ${reference.readyMs.toFixed(0)} ms | ${reference.rssReadyMiB.toFixed(0)} Mio | ${reference.rssIdleMiB.toFixed(0)} Mio |`,
      row(compiled),
      row(tsx),
    ].join("\n"),
  );
  const out = path.join(REPO, "tests/bench/out");
  await mkdir(out, { recursive: true });
  await writeFile(path.join(out, `start-${Date.now()}.json`), JSON.stringify({ database, reference, compiled, tsx }, null, 2));
} finally {
  await rm(dataDir, { recursive: true, force: true });
}
