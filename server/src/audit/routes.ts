import { AUDIT_KINDS, AuditQuery } from "@atelier/shared";
import { Hono } from "hono";
import type { AppEnv, Services } from "../context.js";
import { csvResponseHeaders, toCsv } from "../http/csv.js";
import { readQuery } from "../http/validate.js";
import { authorizePlatform, requireActor } from "../policy/index.js";
import { searchAudit } from "./queries.js";

/** The CSV export holds at most this many entries; narrow the filters for more. */
const CSV_MAX = 50_000;

export function auditRoutes(s: Services) {
  const app = new Hono<AppEnv>();
  app.get("/", async (c) => {
    authorizePlatform(requireActor(c.get("user")), "audit.read");
    const query = readQuery(c, AuditQuery);
    if (query.format === "csv") {
      const entries = await searchAudit(s.db, query, CSV_MAX);
      const csv = toCsv(
        ["date", "action", "personne", "espace", "cible", "détails", "adresse"],
        entries.map((e) => [
          e.at,
          AUDIT_KINDS[e.kind],
          e.actorEmail,
          e.spaceName,
          e.targetType ? `${e.targetType} ${e.targetId}` : "",
          JSON.stringify(e.details),
          e.address,
        ]),
      );
      return c.body(csv, 200, csvResponseHeaders("journal-atelier.csv"));
    }
    const entries = await searchAudit(s.db, query, query.limit);
    const last = entries.length === query.limit ? entries.at(-1) : undefined;
    return c.json({ entries, next: last?.id ?? null });
  });
  return app;
}
