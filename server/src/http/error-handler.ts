import type { ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import { routePath } from "hono/route";
import { log } from "../logging/logger.js";
import { HttpError } from "./errors.js";

const body = (code: string, message: string, details?: unknown) => ({
  error: details === undefined ? { code, message } : { code, message, details },
});

/** Every error leaves as JSON `{error: {code, message}}`; unexpected ones are logged, never shown. */
export const errorHandler: ErrorHandler = (err, c) => {
  if (err instanceof HttpError) {
    for (const [k, v] of Object.entries(err.headers ?? {})) c.header(k, v);
    return c.json(body(err.code, err.message, err.details), err.status);
  }
  if (err instanceof HTTPException) {
    return c.json(body("http_error", err.message || "Requête invalide."), err.status);
  }
  log.error({ err, reqId: c.get("requestId"), method: c.req.method, route: routePath(c) }, "erreur inattendue");
  return c.json(body("internal_error", "Une erreur inattendue est survenue. Réessayez plus tard."), 500);
};

export const notFoundHandler: NotFoundHandler = (c) => c.json(body("unknown_route", "Cette adresse n'existe pas."), 404);
