import { serve } from "@hono/node-server";
import { Hono } from "hono";
import type { Server } from "node:http";
import type { Config } from "../config.js";
import { notFoundHandler } from "../http/error-handler.js";
import { HttpError } from "../http/errors.js";
import { operatorAccess } from "../policy/index.js";
import { registry } from "./registry.js";

async function scrape() {
  return new Response(await registry.metrics(), { headers: { "content-type": registry.contentType } });
}

/** GET /metrics on the main port: only with `Authorization: Bearer $METRICS_TOKEN`, else 404 (no token set) or 401. */
export function metricsRoutes(config: Config) {
  const app = new Hono();
  app.get("/", (c) => {
    const access = operatorAccess(config.METRICS_TOKEN, c.req.header("authorization"));
    if (access === "absent") return notFoundHandler(c);
    if (access === "refused") throw new HttpError(401, "unauthorized", "Jeton d'exploitation requis.");
    return scrape();
  });
  return app;
}

/** Its own listener on METRICS_PORT, meant for a private network: every scrape is answered. */
export async function startMetricsServer(config: Config): Promise<Server | null> {
  if (config.METRICS_PORT === undefined) return null;
  const app = new Hono();
  app.get("/metrics", () => scrape());
  return new Promise<Server>((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.METRICS_PORT, hostname: config.HOST }, () => resolve(s as Server));
  });
}
