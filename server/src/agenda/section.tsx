/** @jsxImportSource hono/jsx */
/** The events' part of the public site's home and site map. */
import type { Services } from "../context.js";
import type { PublicSection } from "../public-site/sections.js";
import { EventCards } from "./cards.js";
import { publishedEvents } from "./queries.js";

const HOME_EVENTS = 4;

export function agendaSection(s: Services): PublicSection {
  return {
    home: async () => (
      <section class="fr-my-6w" aria-labelledby="prochains-evenements">
        <h2 id="prochains-evenements">Prochains événements</h2>
        <EventCards events={await publishedEvents(s.db, { when: "upcoming", limit: HOME_EVENTS })} />
        <p>
          <a class="fr-link fr-icon-arrow-right-line fr-link--icon-right" href="/evenements">
            Tous les événements
          </a>
        </p>
      </section>
    ),
    siteMap: async () => ({
      path: "/evenements",
      title: "Événements",
      children: (await publishedEvents(s.db, {})).map((e) => ({ path: `/evenements/${e.slug}`, title: e.title })),
    }),
  };
}
