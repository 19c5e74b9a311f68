import { AUDIT_KINDS, AuditQuery, formatDateTime } from "@atelier/shared";
import { Hono } from "hono";
import type { AppEnv, Services } from "../context.js";
import { csvResponseHeaders, toCsv } from "../http/csv.js";
import { readQuery } from "../http/validate.js";
import { authorizePlatform, requireActor } from "../policy/index.js";
import { describeEntries } from "./describe.js";
import { searchAudit } from "./queries.js";

/** The CSV export holds at most this many entries; narrow the filters for more. */
const CSV_MAX = 50_000;

export function auditRoutes(s: Services) {
  const app = new Hono<AppEnv>();
  app.get("/", async (c) => {
    authorizePlatform(requireActor(c.get("user")), "audit.read");
    const { timeZone } = c.get("user")!;
    const query = readQuery(c, AuditQuery);
    if (query.format === "csv") {
      const entries = await describeEntries(s.db, await searchAudit(s.db, query, CSV_MAX), timeZone);
      const csv = toCsv(
        ["date", "action", "personne", "espace", "cible", "détails", "adresse"],
        entries.map((e) => [
          formatDateTime(e.at, timeZone, "short"),
          AUDIT_KINDS[e.kind],
          e.actorEmail,
          e.spaceName,
          e.target,
          e.summary.join(" ; "),
          e.address,
        ]),
      );
      return c.body(csv, 200, csvResponseHeaders("journal-atelier.csv"));
    }
    const entries = await describeEntries(s.db, await searchAudit(s.db, query, query.limit), timeZone);
    const last = entries.length === query.limit ? entries.at(-1) : undefined;
    return c.json({ entries, next: last?.id ?? null });
  });
  return app;
}
