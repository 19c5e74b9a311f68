/**
 * The shipped topology on one machine, without containers: PostgreSQL, Redis, an S3 endpoint, two
 * Atelier instances and nginx in front, with the same nginx template and instance settings
 * (infra/atelier.env) as docker-compose.yml. `pnpm infra:local` runs it for a trial; the topology
 * tests run it to kill, restart and upgrade its parts while clients work through nginx.
 */
import { access, mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseEnv } from "node:util";
import { freePort, run } from "./process.js";
import { nginx, postgres, redis, s3, service, type Service } from "./services.js";

const INFRA_DIR = fileURLToPath(new URL("..", import.meta.url));
const SERVER_DIR = path.join(INFRA_DIR, "..", "server");

/** An Atelier instance: stop() is SIGTERM (it stops taking connections, tells its sockets to reconnect
 * elsewhere, stores what it holds, exits), kill() is SIGKILL (a machine dying). */
export interface Instance extends Service {
  /** The instance itself, bypassing nginx (health and metrics only: clients go through nginx). */
  readonly url: string;
  readonly metricsUrl: string;
}

export interface Topology {
  /** Where programs go: nginx's plain port (a browser asking for a page is sent to tlsUrl). */
  url: string;
  /** Where people go: nginx over TLS, with a self-signed certificate (made once in the folder). */
  tlsUrl: string;
  dir: string;
  databaseUrl: string;
  postgres: Service;
  redis: Service;
  /** The S3 endpoint started here; null when S3_ENDPOINT names one (a real MinIO). */
  s3: Service | null;
  nginx: Service;
  instances: [Instance, Instance];
  /** The last lines of every process, for a failure message. */
  tails(): string;
  stop(): Promise<void>;
}

export interface TopologyOptions {
  /** Where the databases, files and logs live (kept between runs). */
  dir: string;
  /** nginx's plain and TLS ports (free ones by default). */
  port?: number;
  tlsPort?: number;
  /** The built web app the instances serve (web/dist by default). */
  webDist?: string;
  /** Demo data on a first start. */
  seedDemo?: boolean;
  /** More settings for both instances. */
  env?: Record<string, string>;
}

/** An env file as docker compose's env_file reads it (Node's own parser). */
export async function readEnvFile(file: string): Promise<Record<string, string>> {
  return parseEnv(await readFile(file, "utf8")) as Record<string, string>;
}

function instance(name: string, port: number, metricsPort: number, env: Record<string, string>, logs: string): Instance {
  const url = `http://127.0.0.1:${port}`;
  // Production runs the compiled server (`pnpm build`), as the image does.
  const launch = () =>
    run(name, process.execPath, ["--conditions=compiled", "--enable-source-maps", "dist/main.js"], {
      cwd: SERVER_DIR,
      env: { ...env, PORT: String(port), METRICS_PORT: String(metricsPort) },
      logFile: path.join(logs, `${name}.log`),
    });
  const ready = async () => (await fetch(`${url}/api/health/ready`)).ok;
  return { ...service(name, port, launch, ready), url, metricsUrl: `http://127.0.0.1:${metricsPort}/metrics` };
}

export async function startTopology(opts: TopologyOptions): Promise<Topology> {
  await access(path.join(SERVER_DIR, "dist", "main.js")).catch(() => {
    throw new Error("Le serveur n'est pas compilé : lancez d'abord « pnpm build » (pnpm infra:local le fait).");
  });
  const dir = path.resolve(opts.dir);
  const logs = path.join(dir, "logs");
  for (const sub of ["logs", "redis", "s3", "nginx", "data"]) await mkdir(path.join(dir, sub), { recursive: true });
  const [pgPort, redisPort, s3Port, nginxPort, tlsPort, ...instancePorts] = await Promise.all([
    freePort(),
    freePort(),
    freePort(),
    opts.port ?? freePort(),
    opts.tlsPort ?? freePort(),
    freePort(),
    freePort(),
    freePort(),
    freePort(),
  ]);
  const db = await postgres(dir, pgPort!, logs);
  const cache = redis(path.join(dir, "redis"), redisPort!, logs);
  const storage = process.env.S3_ENDPOINT ? null : s3(path.join(dir, "s3"), s3Port!, "atelier", logs);
  const url = `http://127.0.0.1:${nginxPort}`;
  const tlsUrl = `https://127.0.0.1:${tlsPort}`;
  const shared = await readEnvFile(path.join(INFRA_DIR, "atelier.env"));
  const env: Record<string, string> = {
    ...shared,
    HOST: "127.0.0.1",
    // People's address is the TLS one (so cookies are Secure, as in production); programs on this
    // machine may use the plain port, as a TLS terminator in front would.
    PUBLIC_URL: tlsUrl,
    ALLOWED_ORIGINS: [url, `http://localhost:${nginxPort}`, `https://localhost:${tlsPort}`].join(","),
    DATABASE_URL: db.url,
    REDIS_URL: cache.url,
    DATA_DIR: path.join(dir, "data"),
    WEB_DIST: opts.webDist ?? path.join(INFRA_DIR, "..", "web", "dist"),
    ...(storage?.env ?? pick(process.env, ["S3_ENDPOINT", "S3_ACCESS_KEY", "S3_SECRET_KEY", "S3_BUCKET", "S3_REGION"])),
    ...opts.env,
  };
  const one = instance("atelier-1", instancePorts[0]!, instancePorts[2]!, { ...env, SEED_DEMO: opts.seedDemo ? "true" : "false" }, logs);
  const two = instance("atelier-2", instancePorts[1]!, instancePorts[3]!, env, logs);
  const proxy = await nginx(path.join(dir, "nginx"), { plain: nginxPort!, tls: tlsPort! }, [`127.0.0.1:${one.port}`, `127.0.0.1:${two.port}`], logs);
  const everything = [proxy, two, one, ...(storage ? [storage] : []), cache, db];
  const topology: Topology = {
    url,
    tlsUrl,
    dir,
    databaseUrl: db.url,
    postgres: db,
    redis: cache,
    s3: storage,
    nginx: proxy,
    instances: [one, two],
    tails: () => everything.map((p) => `--- ${p.name}\n${p.tail()}`).join("\n"),
    async stop() {
      // The front first, the data last, as an operator would.
      for (const p of everything) await p.stop();
    },
  };
  try {
    await Promise.all([db.start(), cache.start(), storage?.start()]);
    // The first one migrates (and seeds); the second finds it done.
    await one.start();
    await two.start();
    await proxy.start();
  } catch (err) {
    await topology.stop();
    throw err;
  }
  return topology;
}

const pick = (from: NodeJS.ProcessEnv, keys: string[]) =>
  Object.fromEntries(keys.flatMap((k) => (from[k] ? [[k, from[k]!]] : [])));
