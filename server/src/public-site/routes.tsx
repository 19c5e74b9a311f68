/** @jsxImportSource hono/jsx */
/** The public site's own pages: the home, the site map (for people and for search engines) and its style sheet. */
import { readFileSync } from "node:fs";
import type { Services } from "../context.js";
import { EventCards } from "../agenda/cards.js";
import { publishedEvents } from "../agenda/queries.js";
import { authorizeVisitor } from "../policy/index.js";
import { Home } from "./home.js";
import { publicRouter, render } from "./render.js";

const HOME_EVENTS = 4;
const SITE_CSS = readFileSync(new URL("./site.css", import.meta.url), "utf8");

const xmlEscape = (v: string) => v.replace(/&/g, "&amp;").replace(/</g, "&lt;");

export function publicSiteRoutes(s: Services) {
  const site = publicRouter(s);

  site.get("/", async (c) => {
    authorizeVisitor("site.read");
    const upcoming = await publishedEvents(s.db, { when: "upcoming", limit: HOME_EVENTS });
    return render(
      c,
      s,
      {
        title: "États généraux du travail social",
        description: "Les États généraux du travail social : les rencontres ouvertes au public dans chaque territoire.",
        path: "/",
      },
      <Home upcoming={<EventCards events={upcoming} />} />,
    );
  });

  site.get("/plan-du-site", async (c) => {
    authorizeVisitor("site.read");
    const events = await publishedEvents(s.db, {});
    return render(
      c,
      s,
      { title: "Plan du site", description: "Toutes les pages du site des États généraux du travail social.", path: "/plan-du-site" },
      <>
        <h1>Plan du site</h1>
        <ul>
          <li>
            <a href="/">Accueil</a>
          </li>
          <li>
            <a href="/evenements">Événements</a>
            <ul>
              {events.map((e) => (
                <li>
                  <a href={`/evenements/${e.slug}`}>{e.title}</a>
                </li>
              ))}
            </ul>
          </li>
          <li>
            <a href="/connexion">Espace des comités (connexion)</a>
          </li>
        </ul>
      </>,
    );
  });

  site.get("/sitemap.xml", async (c) => {
    authorizeVisitor("site.read");
    const base = s.config.publicUrl;
    const events = await publishedEvents(s.db, {});
    const urls = [`${base}/`, `${base}/evenements`, ...events.map((e) => `${base}/evenements/${e.slug}`)];
    c.header("Content-Type", "application/xml; charset=utf-8");
    c.header("Cache-Control", "public, no-cache");
    return c.body(
      `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls
        .map((u) => `  <url><loc>${xmlEscape(u)}</loc></url>`)
        .join("\n")}\n</urlset>\n`,
    );
  });

  site.get("/site/site.css", (c) => {
    c.header("Content-Type", "text/css; charset=utf-8");
    c.header("Cache-Control", "public, max-age=3600");
    return c.body(SITE_CSS);
  });

  return site.app;
}
