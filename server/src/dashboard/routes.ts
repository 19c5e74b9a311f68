/** GET /api/dashboard: the national team's view of every territory, as JSON or CSV. */
import { DashboardQuery } from "@atelier/shared";
import { Hono } from "hono";
import type { AppEnv, Services } from "../context.js";
import { csvResponseHeaders } from "../http/csv.js";
import { readQuery } from "../http/validate.js";
import { authorizePlatform, requireActor } from "../policy/index.js";
import { dashboardCsv } from "./csv.js";
import { dashboard } from "./queries.js";

export function dashboardRoutes(s: Services) {
  const app = new Hono<AppEnv>();

  app.get("/", async (c) => {
    authorizePlatform(requireActor(c.get("user")), "dashboard.read");
    const filter = readQuery(c, DashboardQuery);
    const reply = await dashboard(s.db, filter);
    if (filter.format === "csv") {
      const day = new Date().toISOString().slice(0, 10);
      return c.body(dashboardCsv(reply, s.config, c.get("user")!.timeZone), 200, csvResponseHeaders(`tableau-de-bord-${day}.csv`));
    }
    return c.json(reply);
  });

  return app;
}
