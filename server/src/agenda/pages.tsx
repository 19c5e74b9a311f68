/** @jsxImportSource hono/jsx */
/**
 * The public agenda: the list (upcoming or past, by territory, region, theme), a page per event,
 * its .ics, the feeds (all events, or one territory's) and the same events as JSON for other sites.
 * Every answer asks the policy: a visitor never reaches an event its committee did not publish.
 */
import { EVENT_KIND_LABELS, programme, type EventDocument, slugify, THEMES, themeName } from "@atelier/shared";
import type { Context } from "hono";
import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import { z } from "zod";
import type { AppEnv, Services } from "../context.js";
import { readQuery } from "../http/validate.js";
import { serve } from "../files/download.js";
import { authorizeVisitor, visitorEventFile } from "../policy/index.js";
import { Select } from "../public-site/fields.js";
import { servePublishedImage } from "../public-site/images.js";
import { Breadcrumb } from "../public-site/layout.js";
import { publicRouter, render } from "../public-site/render.js";
import { Cancelled, EventCards, organiser, when } from "./cards.js";
import { eventDocuments } from "./documents.js";
import { calendar } from "./ics.js";
import { RegistrationSection, registrationPages } from "./registration.js";
import { eventBySlug, publishedEvents, toEvent, type EventRow } from "./queries.js";
import { eventReport, type ReportRow } from "./report.js";
import { visibleEvent } from "./visible.js";

const TERRITORY_SLUGS = programme.territories.map((t) => t.slug);
const REGIONS = programme.territories.flatMap((t) => t.regions.map((name) => ({ slug: slugify(name), name, territory: t.name })));

/** Unknown filter values are ignored (an old bookmarked link still shows the list). */
const ListQuery = z.object({
  quand: z.enum(["a-venir", "passes"]).catch("a-venir"),
  territoire: z.enum(TERRITORY_SLUGS as [string, ...string[]]).optional().catch(undefined),
  region: z.enum(REGIONS.map((r) => r.slug) as [string, ...string[]]).optional().catch(undefined),
  theme: z.enum(THEMES.map((t) => t.slug) as [string, ...string[]]).optional().catch(undefined),
});
type ListQuery = z.infer<typeof ListQuery>;
const FeedQuery = z.object({ territoire: z.enum(TERRITORY_SLUGS as [string, ...string[]]).optional() });

const filtersOf = (q: ListQuery) => ({ when: q.quand === "passes" ? ("past" as const) : ("upcoming" as const), territory: q.territoire, region: q.region, theme: q.theme });

function Filters({ q }: { q: ListQuery }) {
  return (
    <form method="get" action="/evenements" class="fr-mb-4w" aria-labelledby="filtrer">
      <h2 id="filtrer" class="fr-h6">
        Filtrer les événements
      </h2>
      <fieldset class="fr-fieldset">
        <legend class="fr-fieldset__legend fr-text--regular">Période</legend>
        {[
          ["a-venir", "À venir"],
          ["passes", "Passés"],
        ].map(([value, label]) => (
          <div class="fr-fieldset__element fr-fieldset__element--inline">
            <div class="fr-radio-group">
              <input type="radio" id={`quand-${value}`} name="quand" value={value} checked={q.quand === value} />
              <label class="fr-label" for={`quand-${value}`}>
                {label}
              </label>
            </div>
          </div>
        ))}
      </fieldset>
      <div class="fr-grid-row fr-grid-row--gutters">
        <div class="fr-col-12 fr-col-md-4">
          <Select name="territoire" label="Territoire" value={q.territoire} options={programme.territories.map((t) => ({ value: t.slug, label: t.name }))} />
        </div>
        <div class="fr-col-12 fr-col-md-4">
          <Select name="region" label="Région" value={q.region} options={REGIONS.map((r) => ({ value: r.slug, label: `${r.name} (${r.territory})` }))} />
        </div>
        <div class="fr-col-12 fr-col-md-4">
          <Select name="theme" label="Thématique" value={q.theme} options={THEMES.map((t) => ({ value: t.slug, label: t.name }))} />
        </div>
      </div>
      <button class="fr-btn fr-mt-2w" type="submit">
        Afficher les événements
      </button>
    </form>
  );
}

function Feeds({ territory }: { territory?: string }) {
  const name = programme.territories.find((t) => t.slug === territory)?.name;
  return (
    <section class="fr-my-4w" aria-labelledby="s-abonner">
      <h2 id="s-abonner" class="fr-h6">
        S'abonner au calendrier
      </h2>
      <p>Ajoutez cette adresse à Outlook, Thunderbird ou votre agenda : il se met à jour quand un événement change ou est annulé.</p>
      <ul>
        <li>
          <a class="fr-link" href="/evenements.ics">
            Calendrier de tous les événements (.ics)
          </a>
        </li>
        {name ? (
          <li>
            <a class="fr-link" href={`/evenements.ics?territoire=${territory}`}>
              Calendrier des événements de {name} (.ics)
            </a>
          </li>
        ) : null}
      </ul>
    </section>
  );
}

const sizeText = (bytes: number) =>
  bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} Ko` : `${(bytes / (1024 * 1024)).toLocaleString("fr-FR", { maximumFractionDigits: 1 })} Mo`;
const extension = (name: string) => /\.([a-z0-9]{1,5})$/i.exec(name)?.[1]?.toUpperCase() ?? "fichier";

/** The DSFR's download links: title, then format and size, as the State's sites show them. */
function DocumentList({ id, title, documents }: { id: string; title: string; documents: EventDocument[] }) {
  if (documents.length === 0) return null;
  return (
    <section class="fr-my-4w" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <ul class="fr-raw-list">
        {documents.map((d) => (
          <li class="fr-download fr-mb-2w">
            <p>
              <a href={d.url} download={d.name} class="fr-download__link">
                {d.title}
                <span class="fr-download__detail">
                  {extension(d.name)} – {sizeText(d.size)}
                </span>
              </a>
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

function EventPage({ e, s, documents, report, footer }: { e: EventRow; s: Services; documents: EventDocument[]; report?: ReportRow; footer?: Child }) {
  return (
    <>
      <Breadcrumb section={["/evenements", "Événements"]} current={e.title} />
      <Cancelled e={e} />
      <h1>{e.title}</h1>
      {e.cancelled_at ? (
        <div class="fr-alert fr-alert--warning fr-mb-3w">
          <p>Cet événement est annulé.</p>
        </div>
      ) : null}
      {e.summary ? <p class="fr-text--lead">{e.summary}</p> : null}
      <dl>
        <dt class="fr-text--bold">Date</dt>
        <dd>{when(e)}</dd>
        <dt class="fr-text--bold">Lieu</dt>
        <dd>
          {e.place}
          <br />
          {e.address}
        </dd>
        <dt class="fr-text--bold">Organisé par</dt>
        <dd>{organiser(e)}</dd>
        <dt class="fr-text--bold">Type</dt>
        <dd>{EVENT_KIND_LABELS[e.kind]}</dd>
        {e.themes.length > 0 ? (
          <>
            <dt class="fr-text--bold">Thématiques</dt>
            <dd>{e.themes.map(themeName).join(", ")}</dd>
          </>
        ) : null}
      </dl>
      {e.programme ? (
        <section aria-labelledby="programme">
          <h2 id="programme">Programme</h2>
          {e.programme.split(/\n{2,}/).map((para) => (
            <p style="white-space: pre-line">{para}</p>
          ))}
        </section>
      ) : null}
      <DocumentList id="documents" title="Documents" documents={documents.filter((d) => d.role === "document")} />
      {report ? (
        <section class="fr-my-4w" aria-labelledby="compte-rendu-texte">
          <h2 id="compte-rendu-texte">Compte rendu</h2>
          {/* The editor's own rendering of the document's text, every text and attribute escaped (@atelier/editor html.ts). */}
          <div>{raw(report.html)}</div>
        </section>
      ) : null}
      <DocumentList id="compte-rendu" title={report ? "Compte rendu à télécharger" : "Compte rendu"} documents={documents.filter((d) => d.role === "compte-rendu")} />
      <p class="fr-mt-4w">
        <a class="fr-btn fr-btn--secondary fr-icon-calendar-line fr-btn--icon-left" href={`/evenements/${e.slug}.ics`} download={`${e.slug}.ics`}>
          Ajouter à mon agenda
        </a>
      </p>
      <RegistrationSection e={e} s={s} />
      {footer}
    </>
  );
}

/** schema.org's Event, for search engines and other sites of the programme. */
function eventJsonLd(e: EventRow, publicUrl: string) {
  return {
    "@context": "https://schema.org",
    "@type": "Event",
    name: e.title,
    description: e.summary || undefined,
    startDate: e.starts_at.toISOString(),
    endDate: e.ends_at.toISOString(),
    eventStatus: e.cancelled_at ? "https://schema.org/EventCancelled" : "https://schema.org/EventScheduled",
    eventAttendanceMode: "https://schema.org/OfflineEventAttendanceMode",
    location: { "@type": "Place", name: e.place, address: e.address },
    organizer: { "@type": "Organization", name: e.space_name },
    url: `${publicUrl}/evenements/${e.slug}`,
  };
}

function sendCalendar(c: Context<AppEnv>, file: string, body: string) {
  c.header("Content-Type", "text/calendar; charset=utf-8");
  c.header("Content-Disposition", `attachment; filename="${file}"`);
  c.header("Cache-Control", "public, no-cache");
  return c.body(body);
}

/** `eventFooter`: what other capabilities add under every event (the questionnaire's call), handed in by app.ts. */
export function agendaPages(s: Services, eventFooter?: Child) {
  const site = publicRouter(s);

  site.page("/evenements", async (c) => {
    authorizeVisitor("site.read");
    const q = readQuery(c, ListQuery);
    const events = await publishedEvents(s.db, filtersOf(q));
    const title = q.quand === "passes" ? "Événements passés" : "Événements à venir";
    return render(
      c,
      s,
      { title: "Événements", description: "Les rencontres des États généraux du travail social : assises, événements régionaux, COPILs ouverts au public.", path: "/evenements" },
      <>
        <h1>Événements</h1>
        <Filters q={q} />
        <section aria-labelledby="resultats">
          <h2 id="resultats">
            {title} ({events.length})
          </h2>
          <EventCards events={events} />
        </section>
        <Feeds territory={q.territoire} />
      </>,
    );
  });

  site.page("/evenements.ics", async (c) => {
    authorizeVisitor("site.read");
    const { territoire } = readQuery(c, FeedQuery);
    const name = programme.territories.find((t) => t.slug === territoire)?.name;
    const events = await publishedEvents(s.db, { territory: territoire });
    const title = name ? `États généraux du travail social — ${name}` : "États généraux du travail social";
    return sendCalendar(c, territoire ? `evenements-${territoire}.ics` : "evenements.ics", calendar(title, events, s.config.publicUrl));
  });

  site.page("/evenements.json", async (c) => {
    authorizeVisitor("site.read");
    const events = await publishedEvents(s.db, {});
    c.header("Cache-Control", "public, no-cache");
    c.header("Access-Control-Allow-Origin", "*");
    return c.json({ events: events.map(toEvent) });
  });

  site.page("/evenements/:file", async (c) => {
    const file = c.req.param("file") ?? "";
    if (file.endsWith(".ics")) {
      const e = await visibleEvent(s.db, file.slice(0, -4));
      return sendCalendar(c, file, calendar(e.title, [e], s.config.publicUrl));
    }
    const e = await visibleEvent(s.db, file);
    return render(
      c,
      s,
      { title: e.title, description: e.summary || `${when(e)} — ${e.place}`, path: `/evenements/${e.slug}`, jsonLd: eventJsonLd(e, s.config.publicUrl) },
      <EventPage e={e} s={s} documents={await eventDocuments(s.db, e)} report={await eventReport(s.db, e.id)} footer={eventFooter} />,
    );
  });

  // A document published with the event: the policy lets it out only while attached to a published event.
  site.get("/evenements/:slug/documents/:fileId", async (c) => {
    const f = await visitorEventFile(s.db, c.req.param("slug") ?? "", c.req.param("fileId") ?? "");
    return serve(s, c, { key: f.storage_key, name: f.original_name, size: f.size, mimeType: f.mime_type, sha256: f.sha256 }, false);
  });

  // An image of its compte rendu: only while a published event's snapshot shows it.
  site.get("/evenements/:slug/images/:attachmentId", async (c) => {
    const e = await eventBySlug(s.db, c.req.param("slug") ?? "");
    const r = e?.published ? await eventReport(s.db, e.id) : undefined;
    return servePublishedImage(s, c, r && { documentId: r.document_id, images: r.images }, c.req.param("attachmentId") ?? "");
  });

  registrationPages(s, site); //                      POST /evenements/:slug/inscription, /inscriptions/confirmer|annuler
  return site.app;
}
