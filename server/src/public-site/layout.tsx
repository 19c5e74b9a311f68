/** @jsxImportSource hono/jsx */
/**
 * The frame of every public page: the State's look (DSFR header and footer, Marianne), French, and
 * nothing that needs JavaScript. The DSFR's CSS is the web build's copy (/dsfr), cached apart.
 */
import type { Child } from "hono/jsx";
import { raw } from "hono/html";

export interface PageMeta {
  title: string;
  description: string;
  /** The page's own path, for its canonical address and Open Graph. */
  path: string;
  /** Open Graph's type: "website" by default. */
  ogType?: string;
  /** schema.org data about the page's subject, written as JSON-LD. */
  jsonLd?: object;
}

export interface Frame {
  publicUrl: string;
  signedIn: boolean;
}

const SITE = "États généraux du travail social";
const DSFR = "/dsfr/dsfr.min.css?v=1.14.2";
/** The web build's icon classes: those the app uses and those web/index.html lists for these pages. */
const ICONS = "/dsfr/utility/icons/icons.min.css";

/** The site's main menu: one entry per public section. */
const MENU: [href: string, label: string][] = [
  ["/", "Accueil"],
  ["/evenements", "Événements"],
  ["/pratiques-inspirantes", "Pratiques inspirantes"],
  ["/questionnaire", "Questionnaire"],
];

/** JSON inside a <script> element: "<" is escaped so that no text closes the element. */
const jsonForScript = (value: object) => JSON.stringify(value).replace(/</g, "\\u003c");

function Header({ signedIn }: { signedIn: boolean }) {
  const account = signedIn ? (
    <a class="fr-btn fr-icon-folder-2-line" href="/espaces">
      Mes espaces
    </a>
  ) : (
    <a class="fr-btn fr-icon-account-circle-line" href="/connexion">
      Se connecter
    </a>
  );
  return (
    <header role="banner" class="fr-header">
      <div class="fr-header__body">
        <div class="fr-container">
          <div class="fr-header__body-row">
            <div class="fr-header__brand fr-enlarge-link">
              <div class="fr-header__brand-top">
                <div class="fr-header__logo">
                  <p class="fr-logo">
                    République
                    <br />
                    Française
                  </p>
                </div>
              </div>
              <div class="fr-header__service">
                <a href="/" title={`Accueil — ${SITE}`}>
                  <p class="fr-header__service-title">{SITE}</p>
                </a>
                <p class="fr-header__service-tagline">Le site des comités de pilotage et de celles et ceux qu'ils associent</p>
              </div>
            </div>
            <div class="fr-header__tools">
              <div class="fr-header__tools-links">
                <ul class="fr-btns-group">
                  <li>{account}</li>
                </ul>
              </div>
            </div>
          </div>
        </div>
      </div>
      <div class="fr-header__menu">
        <div class="fr-container">
          <nav class="fr-nav" role="navigation" aria-label="Menu principal">
            <ul class="fr-nav__list">
              {MENU.map(([href, label]) => (
                <li class="fr-nav__item">
                  <a class="fr-nav__link" href={href}>
                    {label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </div>
      </div>
    </header>
  );
}

function Footer() {
  return (
    <footer class="fr-footer" role="contentinfo" id="pied-de-page">
      <div class="fr-container">
        <div class="fr-footer__body">
          <div class="fr-footer__brand fr-enlarge-link">
            <a href="/" title={`Accueil — ${SITE}`}>
              <p class="fr-logo">
                République
                <br />
                Française
              </p>
            </a>
          </div>
          <div class="fr-footer__content">
            <p class="fr-footer__content-desc">
              Les États généraux du travail social associent professionnels, bénévoles, employeurs, formateurs, élus et personnes
              concernées. Ce site présente leurs événements et leurs pratiques inspirantes.
            </p>
          </div>
        </div>
        <div class="fr-footer__bottom">
          <ul class="fr-footer__bottom-list">
            <li class="fr-footer__bottom-item">
              <a class="fr-footer__bottom-link" href="/plan-du-site">
                Plan du site
              </a>
            </li>
            <li class="fr-footer__bottom-item">
              <a class="fr-footer__bottom-link" href="/accessibilite">
                Accessibilité : partiellement conforme
              </a>
            </li>
            <li class="fr-footer__bottom-item">
              <a class="fr-footer__bottom-link" href="/donnees-personnelles">
                Données personnelles
              </a>
            </li>
          </ul>
        </div>
      </div>
    </footer>
  );
}

export function Page({ meta, frame, children }: { meta: PageMeta; frame: Frame; children: Child }) {
  const url = frame.publicUrl + meta.path;
  const title = meta.path === "/" ? SITE : `${meta.title} — ${SITE}`;
  return (
    <>
      {raw("<!doctype html>")}
      <html lang="fr" data-fr-scheme="light">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{title}</title>
          <meta name="description" content={meta.description} />
          <link rel="canonical" href={url} />
          <meta property="og:type" content={meta.ogType ?? "website"} />
          <meta property="og:site_name" content={SITE} />
          <meta property="og:title" content={meta.title} />
          <meta property="og:description" content={meta.description} />
          <meta property="og:url" content={url} />
          <meta property="og:locale" content="fr_FR" />
          <meta name="theme-color" content="#000091" />
          <link rel="icon" href="/dsfr/favicon/favicon.svg?v=1.14.2" type="image/svg+xml" />
          <link rel="stylesheet" href={DSFR} />
          <link rel="stylesheet" href={ICONS} />
          <link rel="stylesheet" href="/site/site.css" />
          <link rel="alternate" type="text/calendar" title="Calendrier des événements" href="/evenements.ics" />
          {meta.jsonLd ? <script type="application/ld+json">{raw(jsonForScript(meta.jsonLd))}</script> : null}
        </head>
        <body>
          <div class="fr-skiplinks">
            <nav class="fr-container" role="navigation" aria-label="Accès rapide">
              <ul class="fr-skiplinks__list">
                <li>
                  <a class="fr-link" href="#contenu">
                    Aller au contenu
                  </a>
                </li>
                <li>
                  <a class="fr-link" href="#pied-de-page">
                    Aller au pied de page
                  </a>
                </li>
              </ul>
            </nav>
          </div>
          <Header signedIn={frame.signedIn} />
          <main id="contenu" tabindex={-1} class="fr-container fr-my-6w">
            {children}
          </main>
          <Footer />
        </body>
      </html>
    </>
  );
}

/** The DSFR's breadcrumb: home, the section, then the page itself (current). */
export function Breadcrumb({ section, current }: { section: [href: string, label: string]; current: string }) {
  return (
    <nav role="navigation" class="fr-breadcrumb" aria-label="vous êtes ici :">
      <ol class="fr-breadcrumb__list">
        {[["/", "Accueil"], section].map(([href, label]) => (
          <li>
            <a class="fr-breadcrumb__link" href={href}>
              {label}
            </a>
          </li>
        ))}
        <li>
          <a class="fr-breadcrumb__link" aria-current="page">
            {current}
          </a>
        </li>
      </ol>
    </nav>
  );
}
