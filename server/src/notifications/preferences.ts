/** Each person's choice per kind of notification, the shared defaults filling the gaps. */
import {
  DEFAULT_NOTIFICATION_MODES,
  NOTIFICATION_KINDS,
  type NotificationKind,
  type NotificationMode,
  type NotificationPreferences,
} from "@atelier/shared";
import type { Queryable } from "../db/index.js";

export async function modesFor(q: Queryable, userIds: string[], kind: NotificationKind): Promise<Map<string, NotificationMode>> {
  const rows = userIds.length
    ? await q.query<{ user_id: string; mode: NotificationMode }>(
        "SELECT user_id, mode FROM notification_preferences WHERE user_id = ANY($1::uuid[]) AND kind = $2",
        [userIds, kind],
      )
    : [];
  const chosen = new Map(rows.map((r) => [r.user_id, r.mode]));
  return new Map(userIds.map((id) => [id, chosen.get(id) ?? DEFAULT_NOTIFICATION_MODES[kind]]));
}

export async function preferencesOf(q: Queryable, userId: string): Promise<NotificationPreferences> {
  const prefs = { ...DEFAULT_NOTIFICATION_MODES };
  const rows = await q.query<{ kind: NotificationKind; mode: NotificationMode }>(
    "SELECT kind, mode FROM notification_preferences WHERE user_id = $1",
    [userId],
  );
  for (const r of rows) prefs[r.kind] = r.mode;
  return prefs;
}

export async function savePreferences(q: Queryable, userId: string, prefs: NotificationPreferences): Promise<void> {
  for (const kind of NOTIFICATION_KINDS) {
    await q.query(
      `INSERT INTO notification_preferences (user_id, kind, mode) VALUES ($1, $2, $3)
       ON CONFLICT (user_id, kind) DO UPDATE SET mode = EXCLUDED.mode`,
      [userId, kind, prefs[kind]],
    );
  }
}
