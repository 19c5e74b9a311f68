/**
 * Starts Atelier as its own process, as `pnpm start` does (tests that kill it, run two of it;
 * benchmarks). It listens on a free port and accepts ORIGIN as the browser's origin.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { Client } from "../../test/harness.js";
import { UNCAUGHT_MARK } from "../uncaught.js";

export const ORIGIN = "http://atelier.test.local";
const SERVER_DIR = fileURLToPath(new URL("../../", import.meta.url));

export interface Spawned {
  url: string;
  child: ChildProcess;
  /** Everything it printed, for the failure message. */
  output(): string;
  as(email: string): Promise<Client>;
  /** Stops it; throws if it had stopped on its own before, or met an uncaught exception or rejection. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export async function spawnServer(env: Record<string, string>): Promise<Spawned> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: SERVER_DIR,
    env: {
      ...process.env,
      NODE_ENV: "test",
      PORT: "0",
      HOST: "127.0.0.1",
      WEB_DIST: "",
      ALLOWED_ORIGINS: ORIGIN,
      DATABASE_URL: "",
      REDIS_URL: "",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  let killed = false;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`le serveur ne démarre pas :\n${out}`)), 120_000);
    const look = () => {
      const m = /Atelier est prêt : (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on("data", look);
    child.once("exit", (code) => reject(new Error(`le serveur s'est arrêté (${code}) :\n${out}`)));
  });
  return {
    url,
    child,
    output: () => out,
    async as(email) {
      const c = new Client(url, ORIGIN);
      await c.login(email);
      return c;
    },
    async kill(signal = "SIGTERM") {
      const died = !killed && (child.exitCode !== null || child.signalCode !== null);
      if (!died && !killed) child.kill(signal);
      killed = true;
      await exited;
      // An uncaught exception or rejection anywhere is a test failure (main.ts logs them with UNCAUGHT_MARK).
      if (died) throw new Error(`le serveur s'était arrêté de lui-même (${child.exitCode ?? child.signalCode}) :\n${out}`);
      if (out.includes(UNCAUGHT_MARK)) throw new Error(`erreur non rattrapée dans le serveur :\n${out}`);
    },
  };
}
