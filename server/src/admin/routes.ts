/** The administration API, each part guarded by its own platform action. */
import { Hono } from "hono";
import type { AppEnv, Services } from "../context.js";
import { adminImportRoutes } from "./import.routes.js";
import { adminSpaceRoutes } from "./spaces.routes.js";
import { adminUserRoutes } from "./users.routes.js";

export function adminRoutes(s: Services) {
  const app = new Hono<AppEnv>();
  app.route("/users", adminUserRoutes(s));
  app.route("/spaces", adminSpaceRoutes(s));
  app.route("/import", adminImportRoutes(s));
  return app;
}
