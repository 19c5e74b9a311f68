import type { MiddlewareHandler } from "hono";
import { routePath } from "hono/route";
import { httpDuration, httpRequests } from "./registry.js";

/** Counts and times every request under the route pattern that answered it (e.g. /api/documents/:id). */
export function httpMetrics(): MiddlewareHandler {
  return async (c, next) => {
    const end = httpDuration.startTimer();
    try {
      await next();
    } finally {
      // After next(), the route index is the handler's that answered (or the not-found catch-all's).
      const labels = { method: c.req.method, route: routePath(c) || "unmatched", status: String(c.res.status) };
      httpRequests.inc(labels);
      end(labels);
    }
  };
}
