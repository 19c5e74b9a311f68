/**
 * The app's log: one JSON line per event (pino), to stdout or LOG_FILE. Secrets never reach it:
 * the paths below are replaced by "[masqué]" whatever a caller passes.
 */
import { destination, pino, type Logger } from "pino";
import type { Config } from "../config.js";

/** Fields that may carry a secret, a session or document content, at any depth a caller logs them. */
export const REDACTED_PATHS = [
  "password", "newPassword", "currentPassword", "token", "secret", "cookie", "authorization", "content", "body", "update",
  "*.password", "*.newPassword", "*.currentPassword", "*.token", "*.secret", "*.cookie", "*.authorization", "*.content", "*.body", "*.update",
  'headers["cookie"]', 'headers["authorization"]', 'headers["set-cookie"]',
];

export function createLogger(config: Pick<Config, "LOG_LEVEL" | "LOG_FILE">): Logger {
  return pino(
    { level: config.LOG_LEVEL, base: { service: "atelier" }, redact: { paths: REDACTED_PATHS, censor: "[masqué]" } },
    // Synchronous so that a line is written before a crash or a SIGKILL'd restart.
    destination({ dest: config.LOG_FILE ?? 1, sync: true, mkdir: true }),
  );
}

/** The process's log, set by startServer; silent until then (CLI tools print their own lines). */
export let log: Logger = pino({ level: "silent" });

export function useLogger(logger: Logger) {
  log = logger;
}
