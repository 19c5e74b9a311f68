import type { MiddlewareHandler } from "hono";
import { forbidden } from "./errors.js";

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * State-changing requests must come from an allowed Origin, or say they are same-origin:
 * with SameSite=Lax cookies this closes cross-site request forgery.
 */
export function isAllowedOrigin(origin: string | undefined, fetchSite: string | undefined, allowed: string[]) {
  if (origin) return allowed.includes(origin);
  return fetchSite === "same-origin";
}

export function originCheck(allowed: string[]): MiddlewareHandler {
  return async (c, next) => {
    if (!SAFE.has(c.req.method) && !isAllowedOrigin(c.req.header("origin"), c.req.header("sec-fetch-site"), allowed)) {
      throw forbidden("Requête refusée : origine non autorisée.");
    }
    await next();
  };
}
