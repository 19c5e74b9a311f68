/**
 * Sending the notification mails: immediate ones as soon as their transaction is committed,
 * the others once a day in one digest per person. Access is checked again at sending time: a
 * person who lost access to a document in the meantime hears nothing more about it.
 */
import { formatDateTime, type PlatformRole } from "@atelier/shared";
import type { Services } from "../context.js";
import type { Queryable } from "../db/index.js";
import { appLink } from "../mail/links.js";
import type { MaintenanceTask } from "../maintenance.js";
import { canReadDocument, canSpace } from "../policy/index.js";
import { digestMail, notificationMail } from "./mails.js";
import { log } from "../logging/logger.js";

interface PendingRow {
  id: string;
  user_id: string;
  email: string;
  platform_role: PlatformRole | null;
  active: boolean;
  space_id: string | null;
  document_id: string | null;
  summary: string;
  link: string;
  read_at: Date | null;
  time_zone: string;
  created_at: Date;
}

const RETURNING = `RETURNING n.id, n.user_id, u.email, u.platform_role, u.active, n.space_id, n.document_id, n.summary, n.link, n.read_at, n.created_at, u.time_zone`;

/** A digest goes out at most once in this period (a little under a day, so that it does not drift later each day). */
export const DIGEST_PERIOD_HOURS = 23;

async function stillReadable(q: Queryable, n: PendingRow): Promise<boolean> {
  if (!n.active || !n.space_id) return false;
  const actor = { id: n.user_id, platformRole: n.platform_role };
  return n.document_id ? canReadDocument(q, actor, n.document_id) : canSpace(q, actor, "space.read", n.space_id);
}

const preferencesLink = (s: Services) => appLink(s.config, "/notifications/preferences");
/** The notification's time in the recipient's zone, as the app would show it to them. */
const toMailed = (s: Services, n: PendingRow) => ({
  summary: n.summary,
  at: formatDateTime(n.created_at, n.time_zone),
  link: appLink(s.config, n.link),
});

/** Sends the pending immediate mails; returns how many went out. */
export async function deliverImmediate(s: Services): Promise<number> {
  // Claimed in one statement, so that two instances never send the same mail. A claim left by
  // an instance that stopped mid-way is taken again once it is clearly stale.
  const claimed = await s.db.query<PendingRow>(
    `UPDATE notifications n SET mail = 'sending' FROM users u
      WHERE u.id = n.user_id
        AND (n.mail = 'immediate' OR (n.mail = 'sending' AND n.created_at < now() - interval '15 minutes')) ${RETURNING}`,
  );
  let sent = 0;
  for (const n of claimed) {
    if (!(await stillReadable(s.db, n))) {
      await s.db.query("UPDATE notifications SET mail = 'none' WHERE id = $1", [n.id]);
      continue;
    }
    try {
      await s.mailer.send({ to: n.email, ...notificationMail(toMailed(s, n), preferencesLink(s)) });
    } catch (err) {
      // Given back, to be tried again by the next round.
      await s.db.query("UPDATE notifications SET mail = 'immediate' WHERE id = $1", [n.id]);
      log.error({ err, notificationId: n.id }, "[notifications] courriel non envoyé");
      continue;
    }
    await s.db.query("UPDATE notifications SET mail = 'sent' WHERE id = $1", [n.id]);
    sent++;
  }
  return sent;
}

/** Per instance: the delivery waiting to start, and the one running. */
const deliveries = new WeakMap<Services, { timer?: NodeJS.Timeout; running?: Promise<void> }>();

/** Delivers shortly, after the caller's transaction is committed; one run for many notify() calls. */
export function deliverSoon(s: Services): void {
  const d = deliveries.get(s) ?? {};
  deliveries.set(s, d);
  if (d.timer) return;
  d.timer = setTimeout(() => {
    d.timer = undefined;
    d.running = deliverImmediate(s)
      .then(() => undefined)
      .catch((err: Error) => log.error({ err }, "[notifications] envoi immédiat"))
      .finally(() => (d.running = undefined));
  }, 100);
  d.timer.unref();
}

/**
 * At shutdown: a delivery not yet started is left to the next start (the periodic task sends
 * what is still unsent), one under way is waited for, so nothing touches a closed database.
 */
export async function settleDeliveries(s: Services): Promise<void> {
  const d = deliveries.get(s);
  if (!d) return;
  clearTimeout(d.timer);
  d.timer = undefined;
  await d.running;
}

/**
 * Sends each person whose last digest is old enough one mail listing what they have not read
 * yet and may still read. `now` lets tests move to the next day. Returns how many digests went out.
 */
export async function sendDigests(s: Services, now: Date = new Date()): Promise<number> {
  const due = await s.db.query<{ user_id: string }>(
    `SELECT DISTINCT n.user_id FROM notifications n
       LEFT JOIN notification_digests d ON d.user_id = n.user_id
      WHERE n.mail = 'digest'
        AND (d.sent_at IS NULL OR d.sent_at <= $1::timestamptz - make_interval(hours => $2))`,
    [now, DIGEST_PERIOD_HOURS],
  );
  let sent = 0;
  for (const { user_id } of due) {
    const mailed = await s.db.tx(async (q) => {
      // Whoever writes this row first sends the digest; another instance finds nothing to do.
      const [mine] = await q.query(
        `INSERT INTO notification_digests (user_id, sent_at) VALUES ($1, $2)
         ON CONFLICT (user_id) DO UPDATE SET sent_at = EXCLUDED.sent_at
          WHERE notification_digests.sent_at <= $2::timestamptz - make_interval(hours => $3)
         RETURNING user_id`,
        [user_id, now, DIGEST_PERIOD_HOURS],
      );
      if (!mine) return false;
      const claimed = await q.query<PendingRow>(
        `UPDATE notifications n SET mail = 'sent' FROM users u
          WHERE n.user_id = $1 AND n.mail = 'digest' AND u.id = n.user_id ${RETURNING}`,
        [user_id],
      );
      const items: PendingRow[] = [];
      for (const n of claimed) {
        // What was already seen in the bell, or can no longer be read, is left out.
        if (!n.read_at && (await stillReadable(q, n))) items.push(n);
        else await q.query("UPDATE notifications SET mail = 'none' WHERE id = $1", [n.id]);
      }
      if (items.length === 0) return false;
      items.sort((a, b) => new Date(a.created_at).getTime() - new Date(b.created_at).getTime());
      // A failure rolls everything back: the entries stay pending for the next round.
      await s.mailer.send({ to: items[0]!.email, ...digestMail(items.map((n) => toMailed(s, n)), preferencesLink(s)) });
      return true;
    });
    if (mailed) sent++;
  }
  return sent;
}

export const notificationTasks: MaintenanceTask[] = [
  { name: "courriels de notification", everyMs: 60 * 1000, run: deliverImmediate },
  { name: "résumé quotidien des notifications", everyMs: 3600 * 1000, run: (s) => sendDigests(s) },
];
