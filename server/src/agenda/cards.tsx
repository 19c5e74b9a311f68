/** @jsxImportSource hono/jsx */
/** Events as a visitor reads them: when (in the event's own time zone), where, by whom. */
import { EVENT_KIND_LABELS, TIME_ZONES, type TimeZone } from "@atelier/shared";
import { Cards } from "../public-site/cards.js";
import type { EventRow } from "./queries.js";

const day = (at: Date, timeZone: string) =>
  new Intl.DateTimeFormat("fr-FR", { dateStyle: "full", timeZone }).format(at);
const hour = (at: Date, timeZone: string) =>
  new Intl.DateTimeFormat("fr-FR", { timeStyle: "short", timeZone }).format(at);
const zoneName = (tz: string) => TIME_ZONES[tz as TimeZone] ?? tz;

/** "samedi 31 janvier 2026, de 09:00 à 17:00 (heure : France métropolitaine (Paris))" */
export function when(e: EventRow): string {
  const tz = e.time_zone;
  const sameDay = day(e.starts_at, tz) === day(e.ends_at, tz);
  const span = sameDay
    ? `${day(e.starts_at, tz)}, de ${hour(e.starts_at, tz)} à ${hour(e.ends_at, tz)}`
    : `du ${day(e.starts_at, tz)} à ${hour(e.starts_at, tz)} au ${day(e.ends_at, tz)} à ${hour(e.ends_at, tz)}`;
  return `${span} (heure : ${zoneName(tz)})`;
}

export const organiser = (e: EventRow) => [e.space_name, e.territory_name && e.region_name ? e.territory_name : null].filter(Boolean).join(", ");

export function Cancelled({ e }: { e: EventRow }) {
  return e.cancelled_at ? <p class="fr-badge fr-badge--error fr-mb-1w">Annulé</p> : null;
}

export function EventCards({ events }: { events: EventRow[] }) {
  return (
    <Cards
      empty="Aucun événement pour le moment."
      cards={events.map((e) => ({
        href: `/evenements/${e.slug}`,
        title: e.title,
        desc: (
          <>
            {when(e)}
            <br />
            {e.place}, {e.address}
          </>
        ),
        start: (
          <>
            <Cancelled e={e} />
            <p class="fr-card__detail">
              {EVENT_KIND_LABELS[e.kind]} — {organiser(e)}
            </p>
          </>
        ),
      }))}
    />
  );
}
