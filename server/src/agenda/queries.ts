/** The agenda's rows: a committee's events, and the published ones a visitor may list. */
import { slugify, type AgendaEvent, type EventKind } from "@atelier/shared";
import { formatInTimeZone, fromZonedTime } from "date-fns-tz";
import type { Queryable } from "../db/index.js";

export interface EventRow {
  id: string;
  space_id: string;
  slug: string;
  kind: EventKind;
  title: string;
  summary: string;
  programme: string;
  starts_at: Date;
  ends_at: Date;
  time_zone: string;
  place: string;
  address: string;
  themes: string[];
  published: boolean;
  cancelled_at: Date | null;
  sequence: number;
  registration_open: boolean;
  capacity: number | null;
  /** Confirmed, uncancelled registrations. */
  registrants: number;
  created_at: Date;
  updated_at: Date;
  /** The organising committee, and where it sits: its territory and, for a regional COPIL, its region. */
  space_name: string;
  territory_slug: string | null;
  territory_name: string | null;
  region_slug: string | null;
  region_name: string | null;
}

const SELECT = `
  SELECT e.*, s.name AS space_name,
         (SELECT count(*)::int FROM agenda_registrations r
           WHERE r.event_id = e.id AND r.confirmed_at IS NOT NULL AND r.cancelled_at IS NULL) AS registrants,
         CASE s.level WHEN 'territorial' THEN s.slug WHEN 'regional' THEN p.slug END AS territory_slug,
         CASE s.level WHEN 'territorial' THEN s.name WHEN 'regional' THEN p.name END AS territory_name,
         CASE s.level WHEN 'regional' THEN s.slug END AS region_slug,
         CASE s.level WHEN 'regional' THEN s.name END AS region_name
    FROM agenda_events e JOIN spaces s ON s.id = e.space_id LEFT JOIN spaces p ON p.id = s.parent_id`;

const LOCAL = "yyyy-MM-dd'T'HH:mm";

export function toEvent(r: EventRow): AgendaEvent {
  return {
    id: r.id,
    slug: r.slug,
    spaceId: r.space_id,
    kind: r.kind,
    title: r.title,
    summary: r.summary,
    programme: r.programme,
    startsAt: r.starts_at.toISOString(),
    endsAt: r.ends_at.toISOString(),
    startsLocal: formatInTimeZone(r.starts_at, r.time_zone, LOCAL),
    endsLocal: formatInTimeZone(r.ends_at, r.time_zone, LOCAL),
    timeZone: r.time_zone,
    place: r.place,
    address: r.address,
    themes: r.themes,
    published: r.published,
    cancelled: r.cancelled_at !== null,
    registrationOpen: r.registration_open,
    capacity: r.capacity,
    registrants: r.registrants,
    url: `/evenements/${r.slug}`,
  };
}

export async function eventById(q: Queryable, id: string): Promise<EventRow | undefined> {
  const [row] = await q.query<EventRow>(`${SELECT} WHERE e.id = $1`, [id]);
  return row;
}

export async function eventBySlug(q: Queryable, slug: string): Promise<EventRow | undefined> {
  const [row] = await q.query<EventRow>(`${SELECT} WHERE e.slug = $1`, [slug]);
  return row;
}

export const spaceEvents = (q: Queryable, spaceId: string) =>
  q.query<EventRow>(`${SELECT} WHERE e.space_id = $1 ORDER BY e.starts_at DESC`, [spaceId]);

export interface PublicFilters {
  when?: "upcoming" | "past";
  territory?: string;
  region?: string;
  theme?: string;
  limit?: number;
}

/** Published events (cancelled ones too: calendars must hear of the cancellation), by filters. */
export async function publishedEvents(q: Queryable, f: PublicFilters = {}, now = new Date()): Promise<EventRow[]> {
  const where = ["e.published"];
  const params: unknown[] = [];
  const param = (v: unknown) => `$${params.push(v)}`;
  if (f.when === "upcoming") where.push(`e.ends_at >= ${param(now)}`);
  if (f.when === "past") where.push(`e.ends_at < ${param(now)}`);
  if (f.territory) {
    const t = param(f.territory);
    where.push(`((s.level = 'territorial' AND s.slug = ${t}) OR (s.level = 'regional' AND p.slug = ${t}))`);
  }
  if (f.region) where.push(`s.level = 'regional' AND s.slug = ${param(f.region)}`);
  if (f.theme) where.push(`${param(f.theme)} = ANY(e.themes)`);
  const order = f.when === "past" ? "DESC" : "ASC";
  const limit = f.limit ? ` LIMIT ${param(f.limit)}` : "";
  return q.query<EventRow>(`${SELECT} WHERE ${where.join(" AND ")} ORDER BY e.starts_at ${order}${limit}`, params);
}

export interface EventInput {
  kind: EventKind;
  title: string;
  summary: string;
  programme: string;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  place: string;
  address: string;
  themes: string[];
  published: boolean;
  registrationOpen: boolean;
  capacity: number | null;
}

const instants = (e: EventInput) => [fromZonedTime(e.startsAt, e.timeZone), fromZonedTime(e.endsAt, e.timeZone)] as const;

/** A slug from the title and the day, kept for good once given (addresses and calendars rely on it). */
async function freeSlug(q: Queryable, e: EventInput, id: string): Promise<string> {
  const base = `${slugify(e.title).slice(0, 80)}-${e.startsAt.slice(0, 10)}`;
  const [taken] = await q.query("SELECT 1 FROM agenda_events WHERE slug = $1", [base]);
  return taken ? `${base}-${id.slice(0, 8)}` : base;
}

export async function createEvent(q: Queryable, spaceId: string, by: string, e: EventInput): Promise<string> {
  const id = crypto.randomUUID();
  const [starts, ends] = instants(e);
  await q.query(
    `INSERT INTO agenda_events (id, space_id, slug, kind, title, summary, programme, starts_at, ends_at, time_zone, place, address, themes, published,
                                registration_open, capacity, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
    [id, spaceId, await freeSlug(q, e, id), e.kind, e.title, e.summary, e.programme, starts, ends, e.timeZone, e.place, e.address, e.themes, e.published,
     e.registrationOpen, e.capacity, by],
  );
  return id;
}

/** Every change counts for calendars: SEQUENCE grows by one. A cancelled event stays as it was: false. */
export async function updateEvent(q: Queryable, id: string, e: EventInput): Promise<boolean> {
  const [starts, ends] = instants(e);
  const updated = await q.query(
    `UPDATE agenda_events SET kind = $2, title = $3, summary = $4, programme = $5, starts_at = $6, ends_at = $7, time_zone = $8,
            place = $9, address = $10, themes = $11, published = $12, registration_open = $13, capacity = $14,
            sequence = sequence + 1, updated_at = now()
      WHERE id = $1 AND cancelled_at IS NULL RETURNING id`,
    [id, e.kind, e.title, e.summary, e.programme, starts, ends, e.timeZone, e.place, e.address, e.themes, e.published, e.registrationOpen, e.capacity],
  );
  return updated.length > 0;
}

export async function cancelEvent(q: Queryable, id: string): Promise<void> {
  await q.query(
    "UPDATE agenda_events SET cancelled_at = now(), sequence = sequence + 1, updated_at = now() WHERE id = $1 AND cancelled_at IS NULL",
    [id],
  );
}
