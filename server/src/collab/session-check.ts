/**
 * A socket outlives the session it was opened with unless someone looks: a session ends through
 * inactivity, a logout (from another tab too) or a password reset. Logouts, resets and removals
 * reach the sockets at once through the bus (server.ts); inactivity has no event, so each socket
 * keeps the moment its session would end and, from that moment, its frames wait while the session
 * is read again: the socket is closed as the upgrade would refuse it ("Session expirée"), or goes
 * on until the new moment if the person was active elsewhere meanwhile (which moves it). A timer
 * per socket does the same for one that sends nothing. A round every `everyMs` also reads the
 * sessions of all the open sockets at once, for sessions ended by any other means.
 */
import { COLLAB_CLOSE } from "@atelier/shared";
import { liveSessions } from "../auth/sessions.js";
import type { Queryable } from "../db/index.js";
import type { Conn } from "./conn.js";
import { log } from "../logging/logger.js";

/** setTimeout's longest delay; a later moment is reached in several steps. */
const MAX_DELAY_MS = 2 ** 31 - 1;

export interface SessionWatch {
  /** Follows this connection's session from now on; `endsAt` as read when it opened. */
  watch(conn: Conn, endsAt: number): void;
  /** Stops; waits for a reading under way, which must not query a database about to close. */
  stop(): Promise<void>;
}

export function startSessionCheck(
  db: Queryable,
  openConns: () => Conn[],
  opts: { everyMs: number; inactivityMs: number },
): SessionWatch {
  const readings = new Set<Promise<void>>();
  const track = (p: Promise<void>) => {
    readings.add(p);
    void p.finally(() => readings.delete(p));
    return p;
  };

  /** Reads these connections' sessions: closes those that ended, sets the others' next moment. */
  const review = async (conns: Conn[]) => {
    const live = await liveSessions(db, conns.map((c) => c.sessionToken), opts.inactivityMs);
    for (const conn of conns) {
      const endsAt = live.get(conn.sessionToken);
      if (endsAt === undefined) conn.close(COLLAB_CLOSE.unauthenticated);
      else arm(conn, endsAt);
    }
  };

  const due = new Map<Conn, Promise<void>>();
  const checkOne = (conn: Conn) => {
    let p = due.get(conn);
    if (!p) {
      p = track(
        review([conn])
          .catch((err: unknown) => {
            // Past its moment and unable to confirm the session: the socket goes rather than write on.
            conn.log("vérification de la session impossible", err);
            conn.close(COLLAB_CLOSE.storageFailed);
          })
          .finally(() => due.delete(conn)),
      );
      due.set(conn, p);
    }
    return p;
  };

  const arm = (conn: Conn, endsAt: number) => {
    conn.sessionEndsAt = endsAt;
    conn.clearSessionTimer();
    if (conn.ended) return;
    conn.sessionTimer = setTimeout(() => void checkOne(conn), Math.min(Math.max(0, endsAt - Date.now()), MAX_DELAY_MS));
    conn.sessionTimer.unref();
  };

  let round: Promise<void> | null = null;
  const timer = setInterval(() => {
    const conns = openConns();
    if (conns.length === 0) return;
    // A slow database must not pile rounds up. A failed round closes nothing (unlike an access
    // change, nothing says these rights moved): the next round tries again.
    round ??= track(
      review(conns)
        .catch((err: Error) => log.error({ err }, "[collab] vérification des sessions impossible"))
        .finally(() => (round = null)),
    );
  }, opts.everyMs);
  timer.unref();

  return {
    watch(conn, endsAt) {
      conn.checkSession = () => checkOne(conn);
      arm(conn, endsAt);
    },
    async stop() {
      clearInterval(timer);
      for (const conn of openConns()) conn.clearSessionTimer();
      await Promise.all(readings);
    },
  };
}
