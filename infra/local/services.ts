/**
 * What the instances need, started from Debian's packages (PostgreSQL, Redis, nginx) and the S3
 * endpoint the tests use (s3rver), each on its own port with its files under the topology's folder.
 * Each can be stopped and started again on the same files, as a machine restarting would.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { chmod, chown, mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { listening, run, waitFor, type Proc } from "./process.js";

export interface Service {
  readonly name: string;
  readonly port: number;
  start(): Promise<void>;
  /** Its clean stop (SIGTERM, or what the program asks for), waited for; `kill` sends SIGKILL. */
  stop(): Promise<void>;
  kill(): Promise<void>;
  running(): boolean;
  tail(): string;
}

const INFRA_DIR = fileURLToPath(new URL("..", import.meta.url));

/** A service whose process `launch` starts and `ready` says is up. */
export function service(name: string, port: number, launch: () => Proc, ready: () => Promise<boolean>, stopSignal: NodeJS.Signals = "SIGTERM"): Service {
  let proc: Proc | null = null;
  return {
    name,
    port,
    async start() {
      proc = launch();
      await waitFor(`${name} prêt sur le port ${port}`, ready, 120_000, proc);
    },
    running: () => !!proc && proc.child.exitCode === null && proc.child.signalCode === null,
    stop: async () => proc?.stop(stopSignal),
    kill: async () => proc?.stop("SIGKILL"),
    tail: () => proc?.tail() ?? "",
  };
}

/** A program of Debian's, or a clear message saying which package to install. */
function program(name: string, candidates: string[], pkg: string) {
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`${name} introuvable : installez le paquet Debian « ${pkg} » (apt-get install ${pkg}).`);
  return found;
}

/** The account PostgreSQL runs as when we are root (it refuses to run as root). */
function postgresAccount(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const line = readFileSync("/etc/passwd", "utf8").split("\n").find((l) => l.startsWith("postgres:"));
  if (!line) throw new Error("PostgreSQL ne tourne pas en root et l'utilisateur « postgres » n'existe pas : installez le paquet postgresql.");
  const [, , uid, gid] = line.split(":");
  return { uid: Number(uid), gid: Number(gid) };
}

/** A PostgreSQL cluster of its own in `dir` (made on first start), and a database `atelier` in it. */
export async function postgres(dir: string, port: number, logs: string): Promise<Service & { url: string }> {
  const versions = existsSync("/usr/lib/postgresql") ? readdirSync("/usr/lib/postgresql").sort((a, b) => Number(b) - Number(a)) : [];
  const bin = (tool: string) => program(tool, versions.map((v) => `/usr/lib/postgresql/${v}/bin/${tool}`), "postgresql");
  const account = postgresAccount();
  const data = path.join(dir, "postgres");
  if (!existsSync(path.join(data, "PG_VERSION"))) {
    await mkdir(data, { recursive: true });
    if (account) await chown(data, account.uid, account.gid);
    await chmod(data, 0o700);
    const init = run("initdb", bin("initdb"), ["-D", data, "-U", "atelier", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"], {
      logFile: path.join(logs, "postgres.log"),
      ...account,
    });
    await init.exited;
    if (init.child.exitCode !== 0) throw new Error(`initdb a échoué :\n${init.tail()}`);
  }
  const url = `postgres://atelier@127.0.0.1:${port}/atelier`;
  const s = service(
    "postgres",
    port,
    () =>
      run("postgres", bin("postgres"), ["-D", data, "-p", String(port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="], {
        logFile: path.join(logs, "postgres.log"),
        ...account,
      }),
    () => query(`postgres://atelier@127.0.0.1:${port}/postgres`, "SELECT 1").then(() => true),
    // Its "fast" shutdown, as pg_ctl's default: SIGTERM would wait for every client to leave.
    "SIGINT",
  );
  return {
    ...s,
    url,
    async start() {
      await s.start();
      const admin = `postgres://atelier@127.0.0.1:${port}/postgres`;
      const rows = await query(admin, "SELECT 1 FROM pg_database WHERE datname = 'atelier'");
      if (rows.length === 0) await query(admin, "CREATE DATABASE atelier");
    },
  };
}

async function query(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

/** Redis without persistence (fan-out and presence only: nothing in it outlives a restart). */
export function redis(dir: string, port: number, logs: string): Service & { url: string } {
  const bin = program("redis-server", ["/usr/bin/redis-server"], "redis-server");
  const s = service(
    "redis",
    port,
    () => run("redis", bin, ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir], { logFile: path.join(logs, "redis.log") }),
    () => listening(port),
  );
  return { ...s, url: `redis://127.0.0.1:${port}` };
}

/** The S3 endpoint (s3rver, as in the tests) on a fixed port, its objects kept in `dir`. */
export function s3(dir: string, port: number, bucket: string, logs: string): Service & { env: Record<string, string> } {
  const s = service(
    "s3",
    port,
    () =>
      run("s3", process.execPath, ["--import", "tsx", path.join(INFRA_DIR, "local", "s3-endpoint.ts"), dir, String(port), bucket], {
        logFile: path.join(logs, "s3.log"),
        cwd: INFRA_DIR,
      }),
    () => listening(port),
  );
  return { ...s, env: { S3_ENDPOINT: `http://127.0.0.1:${port}`, S3_ACCESS_KEY: "S3RVER", S3_SECRET_KEY: "S3RVER", S3_BUCKET: bucket } };
}

/** Fills in a template's ${NAME}s as the nginx image's envsubst does: only the names given, nginx's own $vars stay. */
export function fillTemplate(template: string, values: Record<string, string>) {
  return template.replace(/\$\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

/**
 * A self-signed certificate for 127.0.0.1 and localhost (OpenSSL from Debian), made once in `dir`:
 * a deployment puts its own there (its PKI's, or Let's Encrypt's).
 */
async function selfSignedCertificate(dir: string): Promise<{ cert: string; key: string }> {
  const cert = path.join(dir, "fullchain.pem");
  const key = path.join(dir, "privkey.pem");
  if (existsSync(cert) && existsSync(key)) return { cert, key };
  const openssl = program("openssl", ["/usr/bin/openssl"], "openssl");
  const made = spawnSync(openssl, ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "365", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout", key, "-out", cert], { encoding: "utf8" });
  if (made.status !== 0) throw new Error(`certificat de test non créé : ${made.stderr}`);
  return { cert, key };
}

/** nginx from Debian with the shipped template (infra/nginx), in the foreground, its files in `dir`. */
export async function nginx(dir: string, ports: { plain: number; tls: number }, upstreams: [string, string], logs: string): Promise<Service> {
  const bin = program("nginx", ["/usr/sbin/nginx"], "nginx");
  const temp = path.join(dir, "temp");
  await mkdir(temp, { recursive: true });
  // Its workers run as nobody when we are root.
  await chmod(temp, 0o777);
  const tls = await selfSignedCertificate(dir);
  const template = readFileSync(path.join(INFRA_DIR, "nginx", "atelier.conf.template"), "utf8");
  const values = {
    NGINX_PORT: `127.0.0.1:${ports.plain}`,
    NGINX_TLS_PORT: `127.0.0.1:${ports.tls}`,
    NGINX_TLS_PUBLIC_PORT: String(ports.tls),
    NGINX_TLS_CERT: tls.cert,
    NGINX_TLS_KEY: tls.key,
    ATELIER_1: upstreams[0],
    ATELIER_2: upstreams[1],
  };
  await writeFile(path.join(dir, "atelier.conf"), fillTemplate(template, values));
  const mime = existsSync("/etc/nginx/mime.types") ? "include /etc/nginx/mime.types;" : "";
  await writeFile(
    path.join(dir, "nginx.conf"),
    [
      "worker_processes 1;",
      "pid nginx.pid;",
      "error_log stderr warn;",
      `events { worker_connections ${Math.max(1024, Math.min(8192, os.availableParallelism() * 2048))}; }`,
      "http {",
      `  ${mime}`,
      ...["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((t) => `  ${t}_temp_path temp/${t};`),
      "  include atelier.conf;",
      "}",
      "",
    ].join("\n"),
  );
  return service(
    "nginx",
    ports.plain,
    () => run("nginx", bin, ["-p", `${dir}/`, "-c", "nginx.conf", "-e", "stderr", "-g", "daemon off;"], { logFile: path.join(logs, "nginx.log") }),
    async () => (await listening(ports.plain)) && listening(ports.tls),
  );
}
