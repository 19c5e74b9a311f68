/** A notification says what happened lately: past NOTIFICATION_RETENTION_DAYS it is deleted, read or not. */
import type { Services } from "../context.js";
import type { MaintenanceTask } from "../maintenance.js";

/** `now` lets tests move past the delay. */
export async function purgeNotifications(s: Pick<Services, "db" | "config">, now: Date = new Date()): Promise<void> {
  await s.db.query("DELETE FROM notifications WHERE created_at < $1::timestamptz - make_interval(days => $2::int)", [
    now,
    s.config.NOTIFICATION_RETENTION_DAYS,
  ]);
}

export const notificationsRetention: MaintenanceTask = {
  name: "rétention des notifications",
  everyMs: 6 * 3600 * 1000,
  run: (s) => purgeNotifications(s),
};
