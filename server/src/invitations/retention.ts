/**
 * An invitation holds the invited person's e-mail and name: EXPIRED_LINK_RETENTION_DAYS after it was
 * accepted, revoked or expired it is deleted (until then a late click reads why the link no longer works).
 */
import type { Services } from "../context.js";
import type { MaintenanceTask } from "../maintenance.js";

/** `now` lets tests move past the delay. */
export async function purgeInvitations(s: Pick<Services, "db" | "config">, now: Date = new Date()): Promise<void> {
  await s.db.query(
    "DELETE FROM invitations WHERE LEAST(accepted_at, revoked_at, expires_at) < $1::timestamptz - make_interval(days => $2::int)",
    [now, s.config.EXPIRED_LINK_RETENTION_DAYS],
  );
}

export const invitationsRetention: MaintenanceTask = {
  name: "invitations expirées",
  everyMs: 6 * 3600 * 1000,
  run: (s) => purgeInvitations(s),
};
