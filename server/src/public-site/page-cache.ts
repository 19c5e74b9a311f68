/**
 * The public site's rendered pages, kept in memory per instance so that a visit costs one small
 * query instead of a page's queries and its rendering. A page is kept under the site's version
 * (migration 295: moved by the database whenever what a page shows changes, on any instance), so
 * a changed or cancelled event is seen at the next visit with no purge to call; and for at most
 * PAGE_CACHE_SECONDS, for what changes with the clock alone (an event becoming past).
 *
 * The form's timing field differs on each display (form-guard.ts): pages keep a slot in its place,
 * filled on every answer (`formStamp`), so that a kept page and its ETag stay the same while every
 * visitor still gets a fresh stamp.
 */
import { createHash } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import { LRUCache } from "lru-cache";
import type { AppEnv, Services } from "../context.js";
import type { Db } from "../db/index.js";

/** What a page holds in place of the form's timing value; `formStamp` writes the value in. */
export const TIMING_SLOT = "__atelier_form_timing__";

interface Kept {
  headers: [string, string][];
  body: string;
  etag: string;
}

/** Headers a kept page answers with again; anything else (a cookie) is the request's own. */
const KEPT_HEADERS = new Set(["content-type", "cache-control", "vary", "content-disposition", "content-language", "link", "access-control-allow-origin"]);

/** Serves a page from memory when the site has not changed since it was rendered, else renders and keeps it; `seconds: 0` keeps nothing. */
export function createPageCache(db: Db, options: { seconds: number; maxBytes: number }): MiddlewareHandler<AppEnv> {
  if (!options.seconds) return (_c, next) => next();
  const pages = new LRUCache<string, Kept>({
    maxSize: options.maxBytes,
    sizeCalculation: (p) => p.body.length * 2 + 200,
    ttl: options.seconds * 1000,
  });
  const version = async () => (await db.query<{ n: string }>("SELECT n FROM site_version"))[0]?.n ?? "0";
  return async (c, next) => {
      // The header differs for a signed-in person ("Mes espaces"); nothing else on a public page does.
      const key = `${await version()} ${c.get("user") ? 1 : 0} ${c.req.url}`;
      const kept = pages.get(key);
      if (kept) {
        for (const [name, value] of kept.headers) c.header(name, value);
        c.header("ETag", kept.etag);
        return c.body(kept.body);
      }
      await next();
      const res = c.res;
      const type = res.headers.get("content-type") ?? "";
      if (res.status !== 200 || res.headers.has("set-cookie") || !/^(text\/|application\/(json|xml|atom\+xml))/.test(type)) return;
      const body = await res.text();
      const etag = `"${createHash("sha1").update(body).digest("base64url")}"`;
      const headers = [...KEPT_HEADERS].flatMap((name): [string, string][] => {
        const value = res.headers.get(name);
        return value === null ? [] : [[name, value]];
      });
      pages.set(key, { headers, body, etag });
      c.res = new Response(body, res);
      c.res.headers.set("ETag", etag);
  };
}

/** Writes a fresh timing value into the page's forms, kept or just rendered. */
export function formStamp(s: Services): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    if (!c.res.headers.get("content-type")?.startsWith("text/html")) return;
    const body = await c.res.text();
    c.res = new Response(body.includes(TIMING_SLOT) ? body.replaceAll(TIMING_SLOT, s.formGuard.timing()) : body, c.res);
  };
}
