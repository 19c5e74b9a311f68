/**
 * One way of showing time: every instant is shown in the person's time zone, with these formatters,
 * in the web app as in mails and exports. The server stores instants only.
 */
import { z } from "zod";

/** The zones of the programme's committees: metropolitan France and the overseas COPILs. */
export const TIME_ZONES = {
  "Europe/Paris": "France métropolitaine (Paris)",
  "America/Martinique": "Martinique",
  "America/Guadeloupe": "Guadeloupe",
  "America/Cayenne": "Guyane (Cayenne)",
  "Indian/Reunion": "La Réunion",
  "Indian/Mayotte": "Mayotte",
} as const;
export type TimeZone = keyof typeof TIME_ZONES;
export const TIME_ZONE_VALUES = Object.keys(TIME_ZONES) as [TimeZone, ...TimeZone[]];
export const DEFAULT_TIME_ZONE: TimeZone = "Europe/Paris";
export const TimeZoneSchema = z.enum(TIME_ZONE_VALUES, "Fuseau horaire inconnu.");

/** PUT /api/me/time-zone → 200 { user } (Me). */
export const TimeZoneBody = z.strictObject({ timeZone: TimeZoneSchema });
export type TimeZoneBody = z.infer<typeof TimeZoneBody>;

type Instant = string | Date;
const formats = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${timeZone}|${JSON.stringify(options)}`;
  let f = formats.get(key);
  if (!f) formats.set(key, (f = new Intl.DateTimeFormat("fr-FR", { ...options, timeZone })));
  return f;
}

/** "4 décembre 2026" */
export const formatDate = (at: Instant, timeZone: string, dateStyle: "long" | "medium" | "short" = "long") =>
  formatter(timeZone, { dateStyle }).format(new Date(at));

/** "4 décembre 2026 à 14:33" */
export const formatDateTime = (at: Instant, timeZone: string, dateStyle: "long" | "medium" | "short" = "long") =>
  formatter(timeZone, { dateStyle, timeStyle: "short" }).format(new Date(at));

const relative = new Intl.RelativeTimeFormat("fr-FR", { numeric: "auto" });

/** "il y a 5 minutes", "hier"; beyond a week, the date. */
export function formatRelative(at: Instant, timeZone: string, now: Date = new Date()): string {
  const seconds = Math.round((new Date(at).getTime() - now.getTime()) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 60) return "à l'instant";
  if (abs < 3600) return relative.format(Math.round(seconds / 60), "minute");
  if (abs < 86400) return relative.format(Math.round(seconds / 3600), "hour");
  if (abs < 7 * 86400) return relative.format(Math.round(seconds / 86400), "day");
  return formatDate(at, timeZone);
}
