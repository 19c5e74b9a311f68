/**
 * What the process does with an exception or rejection nothing caught. Every entry point (HTTP,
 * upgrade, socket frames, Yjs and presence handlers, timers, Redis) contains its own failures, so
 * none should reach here; one that does is a defect, logged once with its stack and UNCAUGHT_MARK
 * (which the multi-process tests look for).
 *
 * - A rejection: logged, and the process goes on. Its promise's work already failed on its own,
 *   nothing synchronous was left half done.
 * - An exception: logged, then the server is stopped as on SIGTERM (what was accepted is stored,
 *   sockets closed with 1012 so that clients reconnect) and the process exits with 1, for its
 *   supervisor (systemd, Docker, Kubernetes) to start a clean one: after an uncaught exception
 *   Node's state is not to be trusted, and nothing acknowledged to a client is lost by restarting.
 */
import { log } from "./logging/logger.js";

export const UNCAUGHT_MARK = "[atelier] erreur non rattrapée";

export function handleUncaught(stop: () => Promise<void>) {
  process.on("unhandledRejection", (reason) => {
    log.fatal({ err: reason }, `${UNCAUGHT_MARK} (promesse rejetée)`);
  });
  let stopping = false;
  process.on("uncaughtException", (err, origin) => {
    log.fatal({ err }, `${UNCAUGHT_MARK} (${origin})`);
    if (stopping) return;
    stopping = true;
    // The stop itself may hang on what failed: the process goes after 10 s regardless.
    setTimeout(() => process.exit(1), 10_000).unref();
    stop()
      .catch((e: unknown) => log.fatal({ err: e }, `${UNCAUGHT_MARK} (arrêt)`))
      .finally(() => process.exit(1));
  });
}
