/**
 * Personal data of the agenda kept no longer than needed: an unconfirmed registration is gone after
 * a day (nothing of an abandoned submission stays), every registration some days after its event.
 */
import type { MaintenanceTask } from "../maintenance.js";

export const registrationsPurge: MaintenanceTask = {
  name: "inscriptions aux événements",
  everyMs: 3600 * 1000,
  async run(s) {
    await s.db.query("DELETE FROM agenda_registrations WHERE confirmed_at IS NULL AND created_at < now() - interval '1 day'");
    await s.db.query(
      `DELETE FROM agenda_registrations r USING agenda_events e
        WHERE e.id = r.event_id AND e.ends_at < now() - make_interval(days => $1::int)`,
      [s.config.REGISTRATION_RETENTION_DAYS],
    );
  },
};
