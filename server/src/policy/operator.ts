/**
 * Operators' endpoints (the metrics scrape) are not a person's: no session role reaches them.
 * On the main port they are granted by a bearer token set in the environment (METRICS_TOKEN),
 * compared in constant time; without a token they do not exist there (404).
 */
import { createHash, timingSafeEqual } from "node:crypto";

export type OperatorAccess = "absent" | "granted" | "refused";

const digest = (s: string) => createHash("sha256").update(s).digest();

export function operatorAccess(token: string | undefined, authorization: string | undefined): OperatorAccess {
  if (!token) return "absent";
  const given = /^Bearer (.+)$/i.exec(authorization ?? "")?.[1];
  return given !== undefined && timingSafeEqual(digest(given), digest(token)) ? "granted" : "refused";
}
