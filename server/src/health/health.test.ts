import { rename } from "node:fs/promises";
import path from "node:path";
import { expect, it } from "vitest";
import { startTestServer } from "../../test/harness.js";

const REDIS = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const server = await startTestServer({ REDIS_URL: REDIS });

it("answers liveness while the process serves, without touching its dependencies", async () => {
  const r = await server.client().get("/api/health");
  expect(r.status).toBe(200);
  expect(r.body).toEqual({ status: "ok" });
});

it("is ready once the database, Redis and the file storage answer", async () => {
  const r = await server.client().get("/api/health/ready");
  expect(r.status).toBe(200);
  expect(r.body).toMatchObject({
    status: "ok",
    failed: [],
    database: { ok: true },
    redis: { ok: true, kind: "redis" },
    storage: { ok: true, kind: "local" },
  });
});

it("is not ready, naming Redis, when Redis does not answer; liveness still 200", async () => {
  // A port nothing listens on: the same instance, its Redis gone.
  server.config.REDIS_URL = "redis://127.0.0.1:1";
  try {
    const r = await server.client().get("/api/health/ready");
    expect(r.status).toBe(503);
    expect(r.body.failed).toEqual(["redis"]);
    expect(r.body.redis.ok).toBe(false);
    expect(r.body.database.ok).toBe(true);
    expect((await server.client().get("/api/health")).status).toBe(200);
  } finally {
    server.config.REDIS_URL = REDIS;
  }
});

it("is not ready, naming the storage, when its folder is gone", async () => {
  const files = path.join(server.dataDir, "files");
  await rename(files, files + ".away");
  try {
    const r = await server.client().get("/api/health/ready");
    expect(r.status).toBe(503);
    expect(r.body.failed).toEqual(["storage"]);
    expect(r.body.storage).toMatchObject({ ok: false, kind: "local" });
  } finally {
    await rename(files + ".away", files);
  }
});
