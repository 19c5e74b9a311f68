/**
 * Starts a real Atelier instance on a free port over a fresh database, and gives tests an HTTP
 * client that keeps cookies and sends an allowed Origin, as the browser would.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";
import { loadConfig, type Config } from "../src/config.js";
import { DEMO_PASSWORD } from "../src/seed/demo.js";
import { startServer, type Running } from "../src/server.js";
import { freshDb } from "./db.js";

export { DEMO_PASSWORD };

export interface TestServer extends Running {
  dataDir: string;
  /** Stops the instance and drops its database, but keeps DATA_DIR to look into; close() still removes it. */
  stop(): Promise<void>;
  client(): Client;
  /** A client already logged in as this demo user. */
  as(email: string): Promise<Client>;
  config: Config;
}

export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "atelier-test-"));
  const { db, drop } = await freshDb();
  const config = loadConfig({
    NODE_ENV: "test",
    PORT: "0",
    HOST: "127.0.0.1",
    DATA_DIR: dataDir,
    WEB_DIST: "",
    SEED_DEMO: "false",
    LOG_LEVEL: "silent",
    ...env,
  });
  const running = await startServer(config, { db });
  const origin = `http://localhost:${running.port}`;
  // The server computed its public URL from PORT=0; tests reach it on the real port.
  config.allowedOrigins.push(origin);
  let stopped: Promise<void> | undefined;
  const server: TestServer = {
    ...running,
    dataDir,
    config,
    stop: () => (stopped ??= running.close().then(drop)),
    client: () => new Client(running.url, origin),
    async as(email) {
      const c = new Client(running.url, origin);
      await c.login(email);
      return c;
    },
    async close() {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  afterAll(() => server.close());
  return server;
}

export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export class Client {
  readonly cookies = new Map<string, string>();
  constructor(
    readonly base: string,
    readonly origin: string,
  ) {}

  get cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  async raw(method: string, url: string, init: { body?: RequestInit["body"]; headers?: Record<string, string> } = {}) {
    const res = await fetch(this.base + url, {
      method,
      body: init.body,
      redirect: "manual",
      headers: { origin: this.origin, cookie: this.cookieHeader, ...init.headers },
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const [k, v] = pair!.split("=");
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(k!.trim());
      else this.cookies.set(k!.trim(), v ?? "");
    }
    return res;
  }

  async request<T = any>(method: string, url: string, json?: unknown, headers: Record<string, string> = {}): Promise<Reply<T>> {
    const res = await this.raw(method, url, {
      body: json === undefined ? undefined : JSON.stringify(json),
      headers: json === undefined ? headers : { "content-type": "application/json", ...headers },
    });
    const text = await res.text();
    let body: any = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: res.status, body, headers: res.headers };
  }

  get = <T = any>(url: string) => this.request<T>("GET", url);
  post = <T = any>(url: string, json?: unknown) => this.request<T>("POST", url, json ?? {});
  patch = <T = any>(url: string, json: unknown) => this.request<T>("PATCH", url, json);
  put = <T = any>(url: string, json: unknown) => this.request<T>("PUT", url, json);
  delete = <T = any>(url: string) => this.request<T>("DELETE", url);

  async login(email: string, password = DEMO_PASSWORD) {
    const r = await this.post("/api/auth/login", { email, password });
    if (r.status !== 200) throw new Error(`login ${email}: ${r.status} ${JSON.stringify(r.body)}`);
    return r;
  }
}

/** The id of a seeded space by slug, as the API lists it to an admin. */
export async function spaceId(server: TestServer, slug: string): Promise<string> {
  const [row] = await server.services.db.query<{ id: string }>("SELECT id FROM spaces WHERE slug = $1", [slug]);
  if (!row) throw new Error(`no space ${slug}`);
  return row.id;
}
