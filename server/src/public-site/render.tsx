/** @jsxImportSource hono/jsx */
/**
 * What every public page shares: the router's middleware (session, compression, ETag), the HTML
 * error pages, and rendering into the frame with its cache headers.
 *
 * Pages are revalidated on every visit ("no-cache" with an ETag): a changed or cancelled event is
 * seen at once, and an unchanged page costs a 304 without its body. The site's pages (`page`) are
 * kept rendered while the site does not change (page-cache.ts): a visit, or its revalidation, then
 * costs no rendering.
 */
import type { Child } from "hono/jsx";
import { Hono, type Context, type Handler } from "hono";
import { compress } from "hono/compress";
import { etag } from "hono/etag";
import { sessionMiddleware } from "../auth/middleware.js";
import type { AppEnv, Services } from "../context.js";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { HttpError } from "../http/errors.js";
import { formBodyLimit } from "./form-guard.js";
import { formStamp } from "./page-cache.js";
import { Page, type PageMeta } from "./layout.js";

/** Public pages vary with the session only in their header ("Mes espaces" or "Se connecter"). */
export function render(c: Context<AppEnv>, s: Services, meta: PageMeta, body: Child, status: ContentfulStatusCode = 200) {
  const signedIn = Boolean(c.get("user"));
  c.header("Cache-Control", signedIn ? "private, no-cache" : "public, no-cache");
  c.header("Vary", "Cookie");
  return c.html(
    <Page meta={meta} frame={{ publicUrl: s.config.publicUrl, signedIn }}>
      {body}
    </Page>,
    status,
  );
}

function ErrorPage({ title, text }: { title: string; text: string }) {
  return (
    <>
      <h1>{title}</h1>
      <p>{text}</p>
      <ul class="fr-btns-group fr-btns-group--inline-md">
        <li>
          <a class="fr-btn" href="/">
            Revenir à l'accueil
          </a>
        </li>
        <li>
          <a class="fr-btn fr-btn--secondary" href="/evenements">
            Voir les événements
          </a>
        </li>
      </ul>
    </>
  );
}

/**
 * A router for public pages: a visitor's errors are pages of the site, never JSON. It is mounted at
 * "/", so its middleware goes on each of its addresses (`get`), never on the rest of the app's.
 */
export type PublicRouter = ReturnType<typeof publicRouter>;

export function publicRouter(s: Services) {
  const app = new Hono<AppEnv>();
  const middleware = [compress(), etag(), formStamp(s), sessionMiddleware(s)] as const;
  /** An address whose answer follows from the site's content alone: kept rendered. */
  const page = (path: string, handler: Handler<AppEnv>) => app.get(path, ...middleware, s.pageCache, handler);
  /** An address that acts or answers one person (a confirmation link): rendered each time. */
  const get = (path: string, handler: Handler<AppEnv>) => app.get(path, ...middleware, handler);
  // A public form's body is bounded before anything reads it.
  const post = (path: string, handler: Handler<AppEnv>) => app.post(path, formBodyLimit, ...middleware, handler);
  app.onError((err, c) => {
    if (!(err instanceof HttpError)) console.error(`[public] ${c.req.method} ${c.req.path}:`, err);
    const [status, title, text]: [ContentfulStatusCode, string, string] = !(err instanceof HttpError)
      ? [500, "Une erreur est survenue", "Réessayez dans quelques instants."]
      : err.status === 404
        ? [404, "Page introuvable", "Cette page n'existe pas ou n'est plus publiée."]
        : [err.status, "Demande refusée", err.message];
    for (const [k, v] of Object.entries(err instanceof HttpError ? (err.headers ?? {}) : {})) c.header(k, v);
    return render(c, s, { title, description: text, path: c.req.path }, <ErrorPage title={title} text={text} />, status);
  });
  return { app, page, get, post };
}
