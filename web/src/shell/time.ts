/**
 * Every date and time the app shows, in the signed-in person's time zone (Europe/Paris until known).
 * The session sets the zone from /api/me; the formatters are the shared ones the server's mails use.
 */
import {
  DEFAULT_TIME_ZONE,
  formatDate as formatDateIn,
  formatDateTime as formatDateTimeIn,
  formatRelative as formatRelativeIn,
} from "@atelier/shared";

type Instant = string | Date;
type DateStyle = "long" | "medium" | "short";

let zone: string = DEFAULT_TIME_ZONE;

/** Called by the session whenever the signed-in person (and so their zone) changes. */
export function setDisplayTimeZone(timeZone: string | undefined): void {
  zone = timeZone ?? DEFAULT_TIME_ZONE;
}

export const formatDate = (at: Instant, style?: DateStyle) => formatDateIn(at, zone, style);
export const formatDateTime = (at: Instant, style?: DateStyle) => formatDateTimeIn(at, zone, style);
export const formatRelative = (at: Instant) => formatRelativeIn(at, zone);
