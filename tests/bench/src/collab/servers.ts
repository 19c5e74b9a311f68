/**
 * The servers compared, each started as its own process so that its CPU and memory can be read
 * alone, and the client each one is meant to be used with.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { HocuspocusProvider } from "@hocuspocus/provider";
import { WebSocket } from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";

export const REPO = path.resolve(fileURLToPath(new URL("../../../../", import.meta.url)));
const HERE = fileURLToPath(new URL(".", import.meta.url));
/** The bench package, where tsx and the compared servers are installed. */
const BENCH = path.resolve(HERE, "../..");

export interface BenchClient {
  doc: Y.Doc;
  synced: Promise<void>;
  setPresence(state: Record<string, unknown>): void;
  destroy(): void;
}

export interface RunningServer {
  name: string;
  pid: number;
  /** A new, empty document's name (Atelier: created through its API). */
  newDocument(): Promise<string>;
  connect(name: string): BenchClient;
  /** Where a raw y-websocket socket on document `name` goes, and with which headers (not Hocuspocus: its own protocol). */
  raw?(name: string): { url: string; headers: Record<string, string> };
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** Starts a process and waits for a line of its output that says it is ready (kept in `readyOutput`). */
export async function spawnReady(
  args: string[],
  env: Record<string, string>,
  ready: RegExp,
  cwd = BENCH,
  readyWithinMs = 60_000,
): Promise<ChildProcess & { readyOutput: string }> {
  const child = spawn(process.execPath, args, { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`pas prêt en ${readyWithinMs / 1000} s :\n${output}`)), readyWithinMs);
    const onData = (d: Buffer) => {
      output += d.toString();
      if (ready.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.on("exit", (code) => reject(new Error(`arrêté (${code}) :\n${output}`)));
  });
  child.removeAllListeners("exit");
  return Object.assign(child, { readyOutput: output });
}

/** Logs in as the demo membre of Grand-Sud: the session cookie, and Grand-Sud's id. */
export async function signIn(base: string, origin: string): Promise<{ cookie: string; spaceId: string }> {
  const login = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin },
    body: JSON.stringify({ email: "membre.grand-sud@atelier.test", password: "atelier-demo-2026" }),
  });
  if (!login.ok) throw new Error(`connexion refusée : ${login.status} ${await login.text()}`);
  const cookie = login.headers.getSetCookie()[0]!.split(";")[0]!;
  const spaces = (await (await fetch(`${base}/api/spaces`, { headers: { cookie } })).json()) as { spaces: { id: string; slug: string }[] };
  return { cookie, spaceId: spaces.spaces.find((s) => s.slug === "grand-sud")!.id };
}

export const stopChild = (child: ChildProcess, signal: NodeJS.Signals = "SIGKILL") =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill(signal);
  });

function yWebsocketClient(url: string, name: string, headers: Record<string, string> = {}): BenchClient {
  const doc = new Y.Doc();
  const Polyfill = class extends WebSocket {
    constructor(u: string, protocols?: string | string[]) {
      super(u, protocols, { headers });
    }
  };
  const provider = new WebsocketProvider(url, name, doc, {
    WebSocketPolyfill: Polyfill as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  return {
    doc,
    synced: new Promise((resolve) => provider.once("sync", () => resolve())),
    setPresence: (state) => provider.awareness.setLocalState(state),
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

async function startScript(name: string, script: string): Promise<RunningServer> {
  const port = await freePort();
  const child = await spawnReady(["--import", "tsx", path.join(HERE, "servers", script)], { PORT: String(port) }, /ready/);
  let n = 0;
  return {
    name,
    pid: child.pid!,
    newDocument: async () => `doc-${n++}`,
    connect:
      name === "hocuspocus"
        ? (doc) => hocuspocusClient(`ws://127.0.0.1:${port}`, doc)
        : (doc) => yWebsocketClient(`ws://127.0.0.1:${port}`, doc),
    ...(name === "hocuspocus" ? {} : { raw: (doc: string) => ({ url: `ws://127.0.0.1:${port}/${doc}`, headers: {} }) }),
    stop: () => stopChild(child),
  };
}

function hocuspocusClient(url: string, name: string): BenchClient {
  const doc = new Y.Doc();
  let resolveSynced!: () => void;
  const synced = new Promise<void>((r) => (resolveSynced = r));
  const provider = new HocuspocusProvider({
    url,
    name,
    document: doc,
    onSynced: () => resolveSynced(),
    // The Node client needs a WebSocket class; the option exists but is not in the provider's type.
    ...({ WebSocketPolyfill: WebSocket } as object),
  } as ConstructorParameters<typeof HocuspocusProvider>[0]);
  return {
    doc,
    synced,
    setPresence: (state) => provider.setAwarenessField("user", state),
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

export const startReference = () => startScript("y-websocket-server 0.1.1", "reference.ts");
export const startHocuspocus = () => startScript("hocuspocus", "hocuspocus.ts");

export interface AtelierOptions {
  /** PostgreSQL URL; the embedded database otherwise. */
  databaseUrl?: string;
  /** Reuse this data folder (cold-open runs restart on the same data). */
  dataDir?: string;
  label?: string;
  /** What production runs (the compiled server, built by the bench's scripts), or TypeScript through tsx. */
  runtime?: Runtime;
}

export type Runtime = "compiled" | "tsx";
/** The server's command line for each runtime, from its folder. */
export const SERVER_ARGS: Record<Runtime, string[]> = {
  compiled: ["--conditions=compiled", "--enable-source-maps", "dist/main.js"],
  tsx: ["--import", "tsx", "src/main.ts"],
};

/** The environment of a bench's Atelier on `port`: production mode, quiet logs, demo data. */
export const atelierEnv = (port: number, dataDir: string, databaseUrl?: string): Record<string, string> => ({
  PORT: String(port),
  HOST: "127.0.0.1",
  DATA_DIR: dataDir,
  SEED_DEMO: "true",
  NODE_ENV: "production",
  WEB_DIST: "",
  LOG_LEVEL: "warn",
  DATABASE_URL: databaseUrl ?? "",
  REDIS_URL: "",
});

/** Atelier as it runs in production: access checks at the upgrade, every update stored before it is relayed. */
export async function startAtelier(opts: AtelierOptions = {}): Promise<RunningServer & { dataDir: string; port: number; cookie: string; spaceId: string }> {
  const port = await freePort();
  const dataDir = opts.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), "atelier-bench-")));
  const env = atelierEnv(port, dataDir, opts.databaseUrl);
  // BENCH_CPU_PROF=<folder>: a V8 CPU profile of the server, written when it stops (SIGTERM then).
  const profile = process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(process.env.BENCH_CPU_PROF)}`] : [];
  const child = await spawnReady([...profile, ...SERVER_ARGS[opts.runtime ?? "compiled"]], env, /Atelier est prêt/, path.join(REPO, "server"));
  const base = `http://127.0.0.1:${port}`;
  const origin = `http://localhost:${port}`;
  const { cookie, spaceId } = await signIn(base, origin);
  let n = 0;
  return {
    name: opts.label ?? `atelier (${opts.databaseUrl ? "PostgreSQL" : "PGlite"})`,
    pid: child.pid!,
    dataDir,
    port,
    cookie,
    spaceId,
    async newDocument() {
      const r = await fetch(`${base}/api/spaces/${spaceId}/documents`, {
        method: "POST",
        headers: { "content-type": "application/json", origin, cookie },
        body: JSON.stringify({ title: `Banc ${n++}`, kind: "livrable" }),
      });
      if (r.status !== 201) throw new Error(`document non créé : ${r.status} ${await r.text()}`);
      return ((await r.json()) as { document: { id: string } }).document.id;
    },
    connect: (doc) => yWebsocketClient(`ws://127.0.0.1:${port}/collab`, doc, { cookie, origin }),
    raw: (doc) => ({ url: `ws://127.0.0.1:${port}/collab/${doc}`, headers: { cookie, origin } }),
    async stop() {
      await stopChild(child, profile.length ? "SIGTERM" : "SIGKILL");
      if (!opts.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
