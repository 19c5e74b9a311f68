/**
 * A socket outlives the session it was opened with unless someone looks: a session ends through
 * inactivity, a logout (from another tab too) or a password reset, and none of these reaches the
 * sockets. Every `everyMs`, one query reads the sessions of all the open sockets of this instance
 * and those whose session ended are closed as the upgrade would refuse them ("Session expirée").
 *
 * One query per round for the whole instance rather than a timer per socket at its session's
 * expiry: that expiry moves with the person's requests elsewhere, and a logout ends a session at
 * any moment, so such a timer would have to ask the database anyway.
 */
import { COLLAB_CLOSE } from "@atelier/shared";
import { liveSessionTokens } from "../auth/sessions.js";
import type { Queryable } from "../db/index.js";
import type { Conn } from "./conn.js";

export function startSessionCheck(
  db: Queryable,
  openConns: () => Conn[],
  opts: { everyMs: number; inactivityMs: number },
): () => Promise<void> {
  let running: Promise<void> | null = null;
  const check = async () => {
    const conns = openConns();
    if (conns.length === 0) return;
    const live = await liveSessionTokens(db, conns.map((c) => c.sessionToken), opts.inactivityMs);
    for (const conn of conns) if (!live.has(conn.sessionToken)) conn.close(COLLAB_CLOSE.unauthenticated);
  };
  const timer = setInterval(() => {
    // A slow database must not pile rounds up. A failed round closes nothing (unlike an access
    // change, nothing says these rights moved): the next round tries again.
    running ??= check()
      .catch((err: Error) => console.error("[collab] vérification des sessions impossible :", err.message))
      .finally(() => (running = null));
  }, opts.everyMs);
  timer.unref();
  // Stopping waits for a round under way, which must not query a database about to close.
  return async () => {
    clearInterval(timer);
    await running;
  };
}
