/** @jsxImportSource hono/jsx */
/** The public site's own pages: the home, the site map (for people and for search engines) and its style sheet. */
import { readFileSync } from "node:fs";
import type { Services } from "../context.js";
import { authorizeVisitor } from "../policy/index.js";
import { Home } from "./home.js";
import { PersonalDataPage } from "./personal-data.js";
import { publicRouter, render } from "./render.js";
import type { PublicSection, SiteMapEntry } from "./sections.js";

const SITE_CSS = readFileSync(new URL("./site.css", import.meta.url), "utf8");

const xmlEscape = (v: string) => v.replace(/&/g, "&amp;").replace(/</g, "&lt;");

export function publicSiteRoutes(s: Services, sections: PublicSection[]) {
  const site = publicRouter(s);
  const siteMap = () => Promise.all(sections.flatMap((x) => (x.siteMap ? [x.siteMap()] : [])));

  site.page("/", async (c) => {
    authorizeVisitor("site.read");
    const blocks = await Promise.all(sections.flatMap((x) => (x.home ? [x.home()] : [])));
    return render(
      c,
      s,
      {
        title: "États généraux du travail social",
        description: "Les États généraux du travail social : les rencontres ouvertes au public dans chaque territoire.",
        path: "/",
      },
      <Home sections={blocks} />,
    );
  });

  site.page("/plan-du-site", async (c) => {
    authorizeVisitor("site.read");
    const entries = await siteMap();
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
          {entries.map((e) => (
            <li>
              <a href={e.path}>{e.title}</a>
              {e.children?.length ? (
                <ul>
                  {e.children.map((child) => (
                    <li>
                      <a href={child.path}>{child.title}</a>
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
          <li>
            <a href="/donnees-personnelles">Données personnelles</a>
          </li>
          <li>
            <a href="/connexion">Espace des comités (connexion)</a>
          </li>
        </ul>
      </>,
    );
  });

  site.page("/donnees-personnelles", (c) => {
    authorizeVisitor("site.read");
    return render(
      c,
      s,
      {
        title: "Données personnelles",
        description: "Combien de temps Atelier conserve les données personnelles, et comment exercer vos droits.",
        path: "/donnees-personnelles",
      },
      <PersonalDataPage config={s.config} />,
    );
  });

  site.page("/sitemap.xml", async (c) => {
    authorizeVisitor("site.read");
    const base = s.config.publicUrl;
    const paths = (entries: SiteMapEntry[]) => entries.flatMap((e) => [e.path, ...(e.children ?? []).map((x) => x.path)]);
    const urls = ["/", ...paths(await siteMap()), "/donnees-personnelles"].map((p) => `${base}${p}`);
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
