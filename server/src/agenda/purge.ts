/**
 * Personal data of the agenda kept no longer than needed: an unconfirmed registration is gone after
 * a day (nothing of an abandoned submission stays), every registration some days after its event.
 */
import type { Services } from "../context.js";
import type { MaintenanceTask } from "../maintenance.js";

/** `now` lets tests move past the delays. */
export async function purgeRegistrations(s: Pick<Services, "db" | "config">, now: Date = new Date()): Promise<void> {
  await s.db.query("DELETE FROM agenda_registrations WHERE confirmed_at IS NULL AND created_at < $1::timestamptz - interval '1 day'", [now]);
  await s.db.query(
    `DELETE FROM agenda_registrations r USING agenda_events e
      WHERE e.id = r.event_id AND e.ends_at < $1::timestamptz - make_interval(days => $2::int)`,
    [now, s.config.REGISTRATION_RETENTION_DAYS],
  );
}

export const registrationsPurge: MaintenanceTask = {
  name: "inscriptions aux événements",
  everyMs: 3600 * 1000,
  run: (s) => purgeRegistrations(s),
};
