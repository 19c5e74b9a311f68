import { existsSync } from "node:fs";
import path from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono } from "hono";
import type { AppEnv } from "../context.js";
import { notFoundHandler } from "./error-handler.js";

/** A page of the app (a client-side route): a path without a file extension asked for by a browser
 * navigating. Anything else that is not a file — a missing icon, script or font — is a 404, never the
 * HTML page, so a broken asset shows up as broken. */
const isNavigation = (reqPath: string, accept: string | undefined) =>
  !path.posix.extname(reqPath) && (accept ?? "").includes("text/html");

/** Serves the built web app; every page address gets index.html (client-side routes). */
export function staticWeb(dist: string) {
  const root = path.resolve(dist);
  const app = new Hono<AppEnv>();
  if (!existsSync(path.join(root, "index.html"))) return app;
  const rel = path.relative(process.cwd(), root) || ".";
  app.use("/assets/*", async (c, next) => {
    c.header("Cache-Control", "public, max-age=31536000, immutable");
    await next();
  });
  // .br/.gz files written at build time are sent with Content-Encoding and Vary: Accept-Encoding.
  app.use("*", serveStatic({ root: rel, precompressed: true }));
  app.get("*", async (c, next) => {
    if (!isNavigation(c.req.path, c.req.header("accept"))) return notFoundHandler(c);
    return serveStatic({ root: rel, path: "index.html", precompressed: true })(c, next);
  });
  return app;
}
