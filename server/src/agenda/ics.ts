/**
 * Calendars (iCalendar): one event, or a feed Outlook and Thunderbird subscribe to. Each event keeps
 * its uid for good, says its time zone (with its VTIMEZONE), counts its changes in SEQUENCE and
 * stays in the feed once cancelled, as STATUS:CANCELLED, so that subscribed calendars drop it.
 */
import { getVtimezoneComponent } from "@touch4it/ical-timezones";
import { toZonedTime } from "date-fns-tz";
import ical, { ICalEventStatus } from "ical-generator";
import type { EventRow } from "./queries.js";

const uidOf = (e: EventRow) => `${e.id}@atelier.egts`;

export function calendar(name: string, events: EventRow[], publicUrl: string): string {
  const cal = ical({
    name,
    prodId: { company: "Atelier", product: "Agenda des EGTS", language: "FR" },
    // No calendar-wide zone: stamps stay in UTC; each event's zone gets its VTIMEZONE from the generator.
    timezone: { name: null, generator: getVtimezoneComponent },
    ttl: 3600,
  });
  for (const e of events) {
    const url = `${publicUrl}/evenements/${e.slug}`;
    cal.createEvent({
      id: uidOf(e),
      sequence: e.sequence,
      // ical-generator writes a native Date given with a zone from its local fields: the zone's clock time.
      start: toZonedTime(e.starts_at, e.time_zone),
      end: toZonedTime(e.ends_at, e.time_zone),
      timezone: e.time_zone,
      stamp: e.updated_at,
      lastModified: e.updated_at,
      created: e.created_at,
      summary: e.cancelled_at ? `Annulé : ${e.title}` : e.title,
      description: [e.summary, e.programme, url].filter(Boolean).join("\n\n"),
      location: `${e.place}, ${e.address}`,
      url,
      status: e.cancelled_at ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return cal.toString();
}
