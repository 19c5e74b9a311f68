/**
 * The HTTP application: where each request goes. Each capability owns a folder with its
 * routes, queries and tests; access is decided by ./policy for all of them.
 */
import { Hono } from "hono";
import { adminRoutes } from "./admin/routes.js";
import { accessRequestRoutes } from "./access-requests/routes.js";
import { bodyLimit } from "hono/body-limit";
import { secureHeaders } from "hono/secure-headers";
import { auditRoutes } from "./audit/routes.js";
import { authRoutes, meRoutes } from "./auth/routes.js";
import { sessionMiddleware } from "./auth/middleware.js";
import type { AppEnv, Services } from "./context.js";
import { documentRoutes } from "./documents/routes.js";
import { commentRoutes } from "./comments/routes.js";
import { versionRoutes } from "./versions/routes.js";
import { healthRoutes } from "./health/routes.js";
import { invitationRoutes } from "./invitations/routes.js";
import { memberRoutes } from "./members/routes.js";
import { errorHandler, notFoundHandler } from "./http/error-handler.js";
import { HttpError } from "./http/errors.js";
import { originCheck } from "./http/origin.js";
import { spaceRoutes } from "./spaces/routes.js";
import { fileRoutes } from "./files/routes.js";
import { isFileUpload } from "./files/upload.js";
import { staticWeb } from "./http/static-web.js";
import { workflowRoutes } from "./workflow/routes.js";
import { notificationRoutes } from "./notifications/routes.js";
import { dashboardRoutes } from "./dashboard/routes.js";

export function createApp(s: Services) {
  const app = new Hono<AppEnv>();
  app.onError(errorHandler);
  app.notFound(notFoundHandler);
  app.use("*", secureHeaders({ crossOriginEmbedderPolicy: false }));

  const api = new Hono<AppEnv>();
  api.use("*", originCheck(s.config.allowedOrigins));
  const jsonBodyLimit = bodyLimit({
    maxSize: s.config.BODY_LIMIT_BYTES,
    onError: () => {
      throw new HttpError(413, "payload_too_large", "La requête est trop volumineuse.");
    },
  });
  // File uploads stream past this limit: they enforce FILE_MAX_BYTES themselves, as bytes arrive.
  api.use("*", (c, next) => (isFileUpload(c.req.method, c.req.path) ? next() : jsonBodyLimit(c, next)));
  api.use("*", sessionMiddleware(s));

  api.route("/health", healthRoutes(s));
  api.route("/auth", authRoutes(s));
  api.route("/me", meRoutes());
  api.route("/spaces", spaceRoutes(s));
  api.route("/", fileRoutes(s));
  api.route("/admin", adminRoutes(s));
  api.route("/audit", auditRoutes(s));
  api.route("/", invitationRoutes(s));
  api.route("/spaces", memberRoutes(s));
  api.route("/", accessRequestRoutes(s));
  api.route("/", documentRoutes(s));
  api.route("/", commentRoutes(s));
  api.route("/", versionRoutes(s));
  api.route("/", workflowRoutes(s));
  api.route("/", notificationRoutes(s));
  api.route("/dashboard", dashboardRoutes(s));

  app.route("/api", api);
  if (s.config.WEB_DIST) app.route("/", staticWeb(s.config.WEB_DIST));
  return app;
}
