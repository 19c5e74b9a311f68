import type { MiddlewareHandler } from "hono";
import { requestId } from "hono/request-id";
import { routePath } from "hono/route";
import type { AppEnv } from "../context.js";
import { log } from "./logger.js";

/**
 * Takes the request id from nginx's X-Request-Id (or makes one when absent or not word characters),
 * answers with it, and logs one line per request: the route pattern, never the path (it may hold a token).
 */
export function accessLog(): MiddlewareHandler<AppEnv> {
  const id = requestId({ headerName: "X-Request-Id", limitLength: 64 });
  return (c, next) =>
    id(c, async () => {
      const started = performance.now();
      try {
        await next();
      } finally {
        log.info({
          reqId: c.get("requestId"),
          userId: c.get("user")?.id ?? null,
          method: c.req.method,
          route: routePath(c) || "unmatched",
          status: c.res.status,
          ms: Math.round(performance.now() - started),
        }, "requête");
      }
    });
}
