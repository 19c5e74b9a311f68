/**
 * Atelier in the bench's own process, on a fresh embedded database (or DATABASE_URL given) with the
 * demo programme, and the headers of a demo account logged in, for benches that measure the server's
 * functions from inside (their memory, their time) rather than across processes.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { loadConfig } from "../../../server/src/config.js";
import { startServer, type Running } from "../../../server/src/server.js";

const ORIGIN = "http://bench.local";

export interface DemoServer {
  app: Running;
  base: string;
  /** JSON headers with the session of the demo account `email`. */
  logIn(email: string): Promise<Record<string, string>>;
  close(): Promise<void>;
}

export async function demoServer(name: string, databaseUrl?: string): Promise<DemoServer> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), `atelier-${name}-bench-`));
  const config = loadConfig({
    PORT: "0",
    HOST: "127.0.0.1",
    DATA_DIR: dataDir,
    SEED_DEMO: "true",
    NODE_ENV: "test",
    WEB_DIST: "",
    LOG_LEVEL: "warn",
    PUBLIC_URL: ORIGIN,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  });
  const app = await startServer(config);
  const base = `http://127.0.0.1:${app.port}`;
  return {
    app,
    base,
    async logIn(email) {
      const login = await fetch(`${base}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: ORIGIN },
        body: JSON.stringify({ email, password: "atelier-demo-2026" }),
      });
      if (!login.ok) throw new Error(`connexion refusée : ${login.status} ${await login.text()}`);
      return { cookie: login.headers.getSetCookie()[0]!.split(";")[0]!, origin: ORIGIN, "content-type": "application/json" };
    },
    async close() {
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
