/**
 * The reminder a registrant holding a place receives the day before their event. Every instance
 * runs this task; each registrant is claimed in the statement that picks them (reminded_at), so
 * two instances running at once never both mail the same person.
 */
import type { Services } from "../context.js";
import type { MaintenanceTask } from "../maintenance.js";
import { reminderMail } from "./mails.js";
import { eventById } from "./queries.js";
import { renewToken } from "./registrations.js";
import { registrantLink } from "./links.js";
import { log } from "../logging/logger.js";

/** How long before its start an event's reminders go out. */
export const REMINDER_HOURS = 24;

/** Sends the reminders due at `now` (tests move it); returns how many went out. */
export async function sendReminders(s: Services, now: Date = new Date()): Promise<number> {
  // Those holding a place: the first `capacity` confirmed, in the order places go (registrations.ts).
  const claimed = await s.db.query<{ id: string; event_id: string; email: string }>(
    `UPDATE agenda_registrations r SET reminded_at = $1
      WHERE r.reminded_at IS NULL AND r.id IN (
        SELECT ranked.id FROM (
          SELECT x.id, x.event_id, row_number() OVER (PARTITION BY x.event_id ORDER BY x.confirmed_at, x.id) AS rank
            FROM agenda_registrations x
           WHERE x.confirmed_at IS NOT NULL AND x.cancelled_at IS NULL) ranked
          JOIN agenda_events e ON e.id = ranked.event_id
         WHERE e.published AND e.cancelled_at IS NULL
           AND e.starts_at > $1 AND e.starts_at <= $1::timestamptz + make_interval(hours => $2)
           AND (e.capacity IS NULL OR ranked.rank <= e.capacity))
      RETURNING r.id, r.event_id, r.email`,
    [now, REMINDER_HOURS],
  );
  let sent = 0;
  for (const r of claimed) {
    const e = (await eventById(s.db, r.event_id))!;
    try {
      await s.mailer.send({ to: r.email, ...reminderMail(e, registrantLink(s, "/inscriptions/annuler", await renewToken(s.db, r.id))) });
      sent++;
    } catch (err) {
      // Given back, for the next round to try again.
      await s.db.query("UPDATE agenda_registrations SET reminded_at = NULL WHERE id = $1", [r.id]);
      log.error({ err, registrationId: r.id }, "[agenda] rappel non envoyé");
    }
  }
  return sent;
}

export const remindersTask: MaintenanceTask = {
  name: "rappels des événements",
  everyMs: 15 * 60 * 1000,
  run: (s) => sendReminders(s),
};
