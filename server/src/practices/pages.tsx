/** @jsxImportSource hono/jsx */
/**
 * The public practices: the list (search, territory, theme, public cible, type d'établissement, all
 * in the address), a page per practice with the fiche projet's fields, and the Atom feed. Every answer
 * asks the policy: a visitor never reaches a fiche its pilote did not publish.
 */
import { programme, THEMES, themeName } from "@atelier/shared";
import { Feed } from "feed";
import { raw } from "hono/html";
import { z } from "zod";
import type { Services } from "../context.js";
import { readQuery } from "../http/validate.js";
import { authorizeVisitor } from "../policy/index.js";
import { Select } from "../public-site/fields.js";
import { servePublishedImage } from "../public-site/images.js";
import { Breadcrumb } from "../public-site/layout.js";
import { publicRouter, render } from "../public-site/render.js";
import { committeeOf, PracticeCards, practicePath, summaryOf } from "./cards.js";
import { proposalPages } from "./proposal.js";
import { filterValues, practiceBySlug, publishedPractices, type PracticeRow } from "./queries.js";
import { visiblePractice } from "./visible.js";

const TERRITORY_SLUGS = programme.territories.map((t) => t.slug) as [string, ...string[]];
const FEED_SIZE = 50;

/** Unknown filter values are ignored (an old bookmarked link still shows the list). */
const ListQuery = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  territoire: z.enum(TERRITORY_SLUGS).optional().catch(undefined),
  theme: z.enum(THEMES.map((t) => t.slug) as [string, ...string[]]).optional().catch(undefined),
  public: z.string().trim().max(200).optional().catch(undefined),
  etablissement: z.string().trim().max(200).optional().catch(undefined),
});
type ListQuery = z.infer<typeof ListQuery>;

const choices = (values: string[]) => values.map((v) => ({ value: v, label: v }));

function Filters({ q, values }: { q: ListQuery; values: { targetPublic: string[]; establishment: string[] } }) {
  return (
    <form method="get" action="/pratiques-inspirantes" class="fr-mb-4w" aria-labelledby="filtrer">
      <h2 id="filtrer" class="fr-h6">
        Rechercher une pratique
      </h2>
      <div class="fr-input-group">
        <label class="fr-label" for="filtre-q">
          Mots-clés
          <span class="fr-hint-text">Dans le nom, la description et toutes les rubriques de la fiche.</span>
        </label>
        <input class="fr-input" id="filtre-q" name="q" type="search" value={q.q ?? ""} />
      </div>
      <div class="fr-grid-row fr-grid-row--gutters">
        <div class="fr-col-12 fr-col-md-6">
          <Select name="territoire" label="Territoire" value={q.territoire} options={programme.territories.map((t) => ({ value: t.slug, label: t.name }))} />
        </div>
        <div class="fr-col-12 fr-col-md-6">
          <Select name="theme" label="Thématique" value={q.theme} options={THEMES.map((t) => ({ value: t.slug, label: t.name }))} />
        </div>
        <div class="fr-col-12 fr-col-md-6">
          <Select name="public" label="Public cible" value={q.public} options={choices(values.targetPublic)} />
        </div>
        <div class="fr-col-12 fr-col-md-6">
          <Select name="etablissement" label="Type d'établissement" value={q.etablissement} options={choices(values.establishment)} />
        </div>
      </div>
      <button class="fr-btn fr-mt-2w" type="submit">
        Afficher les pratiques
      </button>
    </form>
  );
}

export function ProposeCall() {
  return (
    <div class="fr-callout fr-my-4w">
      <h2 class="fr-callout__title fr-h5">Vous connaissez une pratique inspirante ?</h2>
      <p class="fr-callout__text">Professionnel, bénévole, personne accompagnée : faites-la connaître au comité de votre territoire.</p>
      <a class="fr-btn" href="/pratiques-inspirantes/proposer">
        Proposer une pratique
      </a>
    </div>
  );
}

function PracticePage({ p }: { p: PracticeRow }) {
  return (
    <>
      <Breadcrumb section={["/pratiques-inspirantes", "Pratiques inspirantes"]} current={p.title} />
      <h1>{p.title}</h1>
      <p class="fr-text--sm">
        Fiche publiée par {committeeOf(p)}, mise à jour le {new Intl.DateTimeFormat("fr-FR", { dateStyle: "long", timeZone: "Europe/Paris" }).format(p.published_at)}.
      </p>
      {p.themes.length > 0 ? (
        <ul class="fr-tags-group" aria-label="Thématiques">
          {p.themes.map((t) => (
            <li>
              <a class="fr-tag" href={`/pratiques-inspirantes?theme=${t}`}>
                {themeName(t)}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      {p.fields.map((f) => (
        <section class="fr-mb-4w">
          <h2 class="fr-h4">{f.label}</h2>
          {/* The editor's own rendering of the fiche's text, every text and attribute escaped (@atelier/editor html.ts). */}
          <div>{raw(f.html)}</div>
        </section>
      ))}
      <ProposeCall />
    </>
  );
}

/** The feed of the latest published practices, through a maintained generator (`feed`). */
function atom(practices: PracticeRow[], base: string): string {
  const feed = new Feed({
    id: `${base}/pratiques-inspirantes`,
    link: `${base}/pratiques-inspirantes`,
    title: "Pratiques inspirantes — États généraux du travail social",
    description: "Les pratiques inspirantes publiées par les comités des États généraux du travail social.",
    language: "fr",
    updated: practices[0]?.published_at ?? new Date(0),
    feedLinks: { atom: `${base}/pratiques-inspirantes.atom` },
    copyright: "États généraux du travail social",
    generator: false,
  });
  for (const p of practices) {
    feed.addItem({
      id: `${base}${practicePath(p)}`,
      link: `${base}${practicePath(p)}`,
      title: p.title,
      description: summaryOf(p, 500),
      date: p.published_at,
      author: [{ name: committeeOf(p) }],
      category: p.themes.map((t) => ({ term: t, name: themeName(t) })),
    });
  }
  return feed.atom1();
}

export function practicePages(s: Services) {
  const site = publicRouter(s);

  site.page("/pratiques-inspirantes", async (c) => {
    authorizeVisitor("site.read");
    const q = readQuery(c, ListQuery);
    const [practices, values] = await Promise.all([
      publishedPractices(s.db, { q: q.q || undefined, territory: q.territoire, theme: q.theme, targetPublic: q.public || undefined, establishment: q.etablissement || undefined }),
      filterValues(s.db),
    ]);
    return render(
      c,
      s,
      {
        title: "Pratiques inspirantes",
        description: "Les pratiques inspirantes repérées par les comités des États généraux du travail social, et le formulaire pour en proposer.",
        path: "/pratiques-inspirantes",
      },
      <>
        <h1>Pratiques inspirantes</h1>
        <p class="fr-text--lead">Des projets qui marchent, décrits par celles et ceux qui les mènent, publiés par les comités avec l'accord de leurs auteurs.</p>
        <Filters q={q} values={values} />
        <section aria-labelledby="resultats">
          <h2 id="resultats">
            {practices.length} pratique{practices.length > 1 ? "s" : ""}
          </h2>
          <PracticeCards practices={practices} />
        </section>
        <p class="fr-mt-4w">
          <a class="fr-link" href="/pratiques-inspirantes.atom">
            S'abonner aux nouvelles pratiques (flux Atom)
          </a>
        </p>
        <ProposeCall />
      </>,
    );
  });

  site.page("/pratiques-inspirantes.atom", async (c) => {
    authorizeVisitor("site.read");
    c.header("Content-Type", "application/atom+xml; charset=utf-8");
    c.header("Cache-Control", "public, no-cache");
    return c.body(atom(await publishedPractices(s.db, { limit: FEED_SIZE }), s.config.publicUrl));
  });

  // Before the page of a practice: "proposer" is the form, never a practice's slug.
  proposalPages(s, site); //                          GET|POST /pratiques-inspirantes/proposer, /pratiques-inspirantes/confirmer

  site.page("/pratiques-inspirantes/:slug", async (c) => {
    const p = await visiblePractice(s.db, c.req.param("slug") ?? "");
    return render(c, s, { title: p.title, description: summaryOf(p, 200) || p.title, path: practicePath(p), ogType: "article" }, <PracticePage p={p} />);
  });

  site.get("/pratiques-inspirantes/:slug/images/:attachmentId", async (c) => {
    const p = await practiceBySlug(s.db, c.req.param("slug") ?? "");
    return servePublishedImage(s, c, p && { documentId: p.document_id, images: p.images }, c.req.param("attachmentId") ?? "");
  });

  return site.app;
}
