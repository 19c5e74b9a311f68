import { Hono } from "hono";
import { Redis } from "ioredis";
import type { AppEnv, Services } from "../context.js";

/** A dependency that does not answer within this delay counts as down: a probe must not hang. */
const CHECK_TIMEOUT_MS = 2000;

interface Check {
  ok: boolean;
  kind: string;
  error?: string;
}

function within<T>(p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`pas de réponse en ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

async function check(kind: string, probe: () => Promise<unknown>): Promise<Check> {
  try {
    await within(probe());
    return { ok: true, kind };
  } catch (err) {
    return { ok: false, kind, error: (err as Error).message };
  }
}

/** One short-lived connection per probe: readiness is polled every few seconds, and holds nothing open between. */
async function pingRedis(url: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: CHECK_TIMEOUT_MS, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on("error", () => {}); // reported by the failed ping
  try {
    await redis.connect();
    await redis.ping();
  } finally {
    redis.disconnect();
  }
}

/**
 * Liveness (GET /health): 200 as long as the process serves requests; restart it otherwise.
 * Readiness (GET /health/ready): 200 when the database, Redis (when REDIS_URL) and the file storage
 * answer, 503 naming the one that failed; send no traffic to this instance until then.
 * Both are public: they reveal nothing but which kind of dependency is down.
 */
export function healthRoutes(s: Services) {
  const app = new Hono<AppEnv>();
  app.get("/", (c) => c.json({ status: "ok" }));
  app.get("/ready", async (c) => {
    const redisUrl = s.config.REDIS_URL;
    const [database, redis, storage] = await Promise.all([
      check(s.db.kind, () => s.db.query("SELECT 1")),
      redisUrl ? check("redis", () => pingRedis(redisUrl)) : Promise.resolve(null),
      check(s.storage.kind, () => s.storage.check()),
    ]);
    const checks = { database, storage, ...(redis ? { redis } : {}) };
    const failed = Object.entries(checks)
      .filter(([, v]) => !v.ok)
      .map(([k]) => k);
    return c.json({ status: failed.length ? "degraded" : "ok", failed, ...checks }, failed.length ? 503 : 200);
  });
  return app;
}
