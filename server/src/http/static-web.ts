import { existsSync } from "node:fs";
import path from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono } from "hono";
import type { AppEnv } from "../context.js";

/** Serves the built web app; every path that is not a file gets index.html (client-side routes). */
export function staticWeb(dist: string) {
  const root = path.resolve(dist);
  const app = new Hono<AppEnv>();
  if (!existsSync(path.join(root, "index.html"))) return app;
  const rel = path.relative(process.cwd(), root) || ".";
  app.use("/assets/*", async (c, next) => {
    c.header("Cache-Control", "public, max-age=31536000, immutable");
    await next();
  });
  app.use("*", serveStatic({ root: rel }));
  app.get("*", serveStatic({ root: rel, path: "index.html" }));
  return app;
}
