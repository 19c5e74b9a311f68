import { Hono } from "hono";
import type { AppEnv, Services } from "../context.js";

/** Readiness: 200 when the database and the file storage answer, 503 otherwise. */
export function healthRoutes(s: Services) {
  const app = new Hono<AppEnv>();
  app.get("/", async (c) => {
    const database = await s.db
      .query("SELECT 1")
      .then(() => ({ ok: true, kind: s.db.kind }))
      .catch((err: Error) => ({ ok: false, kind: s.db.kind, error: err.message }));
    const storage = await s.storage
      .check()
      .then(() => ({ ok: true, kind: s.storage.kind }))
      .catch((err: Error) => ({ ok: false, kind: s.storage.kind, error: err.message }));
    const ok = database.ok && storage.ok;
    return c.json({ status: ok ? "ok" : "degraded", database, storage }, ok ? 200 : 503);
  });
  return app;
}
