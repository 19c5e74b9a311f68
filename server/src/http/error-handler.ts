import type { ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import { routePath } from "hono/route";
import { log } from "../logging/logger.js";
import { HttpError } from "./errors.js";

const body = (code: string, message: string, details?: unknown) => ({
  error: details === undefined ? { code, message } : { code, message, details },
});

/**
 * A service Atelier depends on could not be reached: the network refused or cut the connection
 * (the S3 endpoint, Redis), or PostgreSQL is restarting or unreachable (its SQLSTATE class 08 and
 * 57P0x). Not a defect: the request can be made again in a moment.
 */
const UNREACHABLE = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN", "EPIPE", "57P01", "57P02", "57P03"]);
const isUnreachable = (err: unknown) => {
  const code = (err as { code?: unknown }).code;
  return typeof code === "string" && (UNREACHABLE.has(code) || code.startsWith("08"));
};

/** Every error leaves as JSON `{error: {code, message}}`; unexpected ones are logged, never shown. */
export const errorHandler: ErrorHandler = (err, c) => {
  if (err instanceof HttpError) {
    for (const [k, v] of Object.entries(err.headers ?? {})) c.header(k, v);
    return c.json(body(err.code, err.message, err.details), err.status);
  }
  if (err instanceof HTTPException) {
    return c.json(body("http_error", err.message || "Requête invalide."), err.status);
  }
  if (isUnreachable(err)) {
    log.warn({ err, reqId: c.get("requestId"), method: c.req.method, route: routePath(c) }, "service injoignable");
    c.header("Retry-After", "5");
    return c.json(
      body("service_unavailable", "Atelier ne joint pas pour l'instant sa base de données ou son stockage de fichiers. Réessayez dans un instant."),
      503,
    );
  }
  log.error({ err, reqId: c.get("requestId"), method: c.req.method, route: routePath(c) }, "erreur inattendue");
  return c.json(body("internal_error", "Une erreur inattendue est survenue. Réessayez plus tard."), 500);
};

export const notFoundHandler: NotFoundHandler = (c) => c.json(body("unknown_route", "Cette adresse n'existe pas."), 404);
