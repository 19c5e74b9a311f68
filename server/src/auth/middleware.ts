import type { MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { Context } from "hono";
import type { AppEnv, Services } from "../context.js";
import { SESSION_COOKIE, validateSessionToken } from "./sessions.js";

/** Reads the session cookie on every request and puts the user (or null) in the context. */
export function sessionMiddleware(s: Services): MiddlewareHandler<AppEnv> {
  const inactivityMs = s.config.SESSION_INACTIVITY_DAYS * 24 * 3600 * 1000;
  return async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE);
    const found = token ? await validateSessionToken(s.db, token, inactivityMs) : null;
    if (token && !found) deleteCookie(c, SESSION_COOKIE, { path: "/" });
    c.set("user", found?.user ?? null);
    c.set("session", found?.session ?? null);
    await next();
  };
}

export function setSessionCookie(c: Context, s: Services, token: string) {
  setCookie(c, SESSION_COOKIE, token, {
    path: "/",
    httpOnly: true,
    sameSite: "Lax",
    secure: s.config.cookieSecure,
    maxAge: Math.floor(s.config.SESSION_INACTIVITY_DAYS * 24 * 3600),
  });
}

export const clearSessionCookie = (c: Context) => deleteCookie(c, SESSION_COOKIE, { path: "/" });
