/**
 * The HTTP application: where each request goes. Each capability owns a folder with its
 * routes, queries and tests; access is decided by ./policy for all of them.
 */
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { compress } from "hono/compress";
import { secureHeaders } from "hono/secure-headers";
import { accessRequestRoutes } from "./access-requests/routes.js";
import { agendaPages } from "./agenda/pages.js";
import { agendaRoutes } from "./agenda/routes.js";
import { agendaSection } from "./agenda/section.js";
import { activityRoutes } from "./activity/routes.js";
import { adminRoutes } from "./admin/routes.js";
import { auditRoutes } from "./audit/routes.js";
import { sessionMiddleware } from "./auth/middleware.js";
import { authRoutes, meRoutes } from "./auth/routes.js";
import { commentRoutes } from "./comments/routes.js";
import type { AppEnv, Services } from "./context.js";
import { dashboardRoutes } from "./dashboard/routes.js";
import { directoryRoutes } from "./directory/routes.js";
import { documentRoutes } from "./documents/routes.js";
import { exportRoutes } from "./exports/routes.js";
import { homeRoutes } from "./spaces/home.routes.js";
import { fileRoutes } from "./files/routes.js";
import { previewRoutes } from "./files/preview.js";
import { practicePages } from "./practices/pages.js";
import { practiceRoutes } from "./practices/routes.js";
import { practicesSection } from "./practices/section.js";
import { isFileUpload } from "./files/upload.js";
import { attachmentRoutes } from "./attachments/routes.js";
import { healthRoutes } from "./health/routes.js";
import { errorHandler, notFoundHandler } from "./http/error-handler.js";
import { HttpError } from "./http/errors.js";
import { originCheck } from "./http/origin.js";
import { staticWeb } from "./http/static-web.js";
import { importRoutes, isImport } from "./imports/routes.js";
import { invitationRoutes } from "./invitations/routes.js";
import { memberRoutes } from "./members/routes.js";
import { httpMetrics } from "./metrics/http.js";
import { accessLog } from "./logging/access-log.js";
import { metricsRoutes } from "./metrics/routes.js";
import { myDataRoutes } from "./my-data/routes.js";
import { notificationRoutes } from "./notifications/routes.js";
import { proConnectRoutes } from "./proconnect/routes.js";
import { publicSiteRoutes } from "./public-site/routes.js";
import { questionnairePages } from "./questionnaires/pages.js";
import { questionnaireRoutes } from "./questionnaires/routes.js";
import { QuestionnaireCall, questionnaireSection } from "./questionnaires/section.js";
import { searchRoutes } from "./search/routes.js";
import { spaceRoutes } from "./spaces/routes.js";
import { synthesisRoutes } from "./syntheses/routes.js";
import { uploadRoutes } from "./uploads/routes.js";
import { versionRoutes } from "./versions/routes.js";
import { workflowRoutes } from "./workflow/routes.js";

/**
 * Only the app's own scripts run, and nothing is loaded from elsewhere (an image in a text cannot call
 * another host). Styles allow inline attributes because the editor writes alignment as a style
 * attribute; what a text carries is reduced by the server to alignment and table widths (@atelier/editor html.ts).
 */
const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", "data:", "blob:"],
  fontSrc: ["'self'", "data:"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

const INLINE_FILE_POLICY = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'";

export function createApp(s: Services) {
  const app = new Hono<AppEnv>();
  app.onError(errorHandler);
  app.notFound(notFoundHandler);
  app.use("*", httpMetrics());
  // One JSON log line per request, with nginx's X-Request-Id and the signed-in user (logging/).
  app.use("*", accessLog());
  const secure = secureHeaders({ crossOriginEmbedderPolicy: false, contentSecurityPolicy: CONTENT_SECURITY_POLICY });
  app.use("*", async (c, next) => {
    await secure(c, next);
    // A file shown inline (PDF, image) is framed by the app's own preview, and by nothing else.
    if (c.res.headers.get("content-disposition")?.startsWith("inline")) c.res.headers.set("content-security-policy", INLINE_FILE_POLICY);
  });

  const api = new Hono<AppEnv>();
  api.use("*", originCheck(s.config.allowedOrigins));
  // JSON answers are gzipped for poor links (the web app's files come precompressed from the build).
  api.use("*", compress());
  const jsonBodyLimit = bodyLimit({
    maxSize: s.config.BODY_LIMIT_BYTES,
    onError: () => {
      throw new HttpError(413, "payload_too_large", "La requête est trop volumineuse.");
    },
  });
  // File uploads stream past this limit: they enforce FILE_MAX_BYTES themselves, as bytes arrive; imports have their own.
  api.use("*", (c, next) => (isFileUpload(c.req.method, c.req.path) || isImport(c.req.method, c.req.path) ? next() : jsonBodyLimit(c, next)));
  api.use("*", sessionMiddleware(s));

  // Foundation: accounts, spaces and who reaches them.
  api.route("/health", healthRoutes(s)); //            GET /health (liveness), /health/ready (database, Redis, storage)
  api.route("/auth", authRoutes(s)); //                /auth/login, /auth/logout, /auth/password/forgot|reset
  api.route("/auth/proconnect", proConnectRoutes(s)); // GET /auth/proconnect, /login, /callback; /request ("Demander l'accès")
  api.route("/me", meRoutes(s)); //                    GET /me, PUT /me/time-zone
  api.route("/me", myDataRoutes(s)); //                GET /me/export (my data, RGPD: a ZIP holding one JSON file)
  api.route("/spaces", spaceRoutes(s)); //             /spaces, /spaces/:id, /spaces/:id/members
  api.route("/spaces", memberRoutes(s)); //            /spaces/:id/members/:userId
  api.route("/", invitationRoutes(s)); //              /spaces/:id/invitations, /invitations/:token[/accept]
  api.route("/", accessRequestRoutes(s)); //           /spaces/:id/access-requests, /access-requests[/:id/grant|decline]
  api.route("/directory", directoryRoutes(s)); //      GET /directory, /directory/spaces/:id, /directory/documents/:id
  api.route("/admin", adminRoutes(s)); //              /admin/users, /admin/spaces, /admin/import/members
  api.route("/audit", auditRoutes(s)); //              GET /audit
  // Co-writing (the WebSocket /collab/:documentId is attached in ./collab/server.ts).
  api.route("/", documentRoutes(s)); //                /spaces/:id/documents, /documents/:id[/content|/restore]
  api.route("/", exportRoutes(s)); //                  GET /documents/:id/export (DOCX, ODT, PDF, Markdown, HTML)
  // Resource libraries.
  api.route("/", fileRoutes(s)); //                    /spaces/:id/files, /spaces/:id/file-kinds, /files/:id[/download|/versions|/restore]
  api.route("/", previewRoutes(s)); //                 GET /files/:id/preview (office files as sanitised HTML)
  api.route("/", uploadRoutes(s)); //                  /spaces/:id/uploads, /files/:id/uploads, /uploads/:id (resumable)
  api.route("/", attachmentRoutes(s)); //              /documents/:id/attachments, /attachments/:id
  api.route("/", importRoutes(s)); //                  /spaces/:id/documents/import, /documents/:id/import-fragment (DOCX, ODT, Markdown, HTML)
  // Review across territories.
  api.route("/", versionRoutes(s)); //                 /documents/:id/versions[/:versionId[/diff|/restore]]
  api.route("/", commentRoutes(s)); //                 /documents/:id/comments[/:threadId/replies|resolve|reopen], /documents/:id/mentionable
  api.route("/", workflowRoutes(s)); //                /documents/:id/status
  api.route("/dashboard", dashboardRoutes(s)); //      GET /dashboard
  api.route("/", synthesisRoutes(s)); //               POST /spaces/:id/syntheses, /documents/:id/synthesis[/sources[/:sourceId/refresh]]
  api.route("/", notificationRoutes(s)); //            /notifications[/read], /me/notification-preferences
  api.route("/me/home", homeRoutes(s)); //             GET /me/home ("Mes espaces": latest documents, to review)
  api.route("/", activityRoutes(s)); //                GET /spaces/:id/activity
  // Search across everything the person may read.
  api.route("/search", searchRoutes(s)); //            GET /search, /search/suggest
  // The public site's events, prepared in the workspace.
  api.route("/", agendaRoutes(s)); //                  /spaces/:id/events, /events/:id[/cancel|/registrations.csv|/registrants/mail|/documents[/:fileId]]
  // The public site's inspiring practices: a fiche's publication, the public's proposals to moderate.
  api.route("/", practiceRoutes(s)); //                /documents/:id/publication, /spaces/:id/practice-proposals, /practice-proposals/:id/accept|refuse
  // The questionnaires to the groups of actors, and their answers (never public).
  api.route("/", questionnaireRoutes(s)); //           /spaces/:id/questionnaires, /questionnaires/:id/status|answers[.csv]|synthesis

  // An address under /api that no route knows is a JSON 404, never the web app's page.
  api.all("*", notFoundHandler);
  app.route("/api", api);
  // Operators: the Prometheus scrape, with METRICS_TOKEN (or on METRICS_PORT, see ./metrics/routes.ts).
  app.route("/metrics", metricsRoutes(s.config)); //    GET /metrics
  // The public site (server-rendered, no account needed); the web app's pages live under their own paths.
  // Each public capability hands in its block of the home and its pages for the site map.
  app.route("/", publicSiteRoutes(s, [agendaSection(s), practicesSection(s), questionnaireSection(s)])); // GET /, /plan-du-site, /sitemap.xml, /site/site.css
  // Every event's page ends with the questionnaire's call.
  app.route("/", agendaPages(s, QuestionnaireCall())); // GET /evenements[.ics|.json], /evenements/:slug[.ics|/documents/:fileId]
  app.route("/", practicePages(s)); //                 GET /pratiques-inspirantes[.atom], /pratiques-inspirantes/:slug, /pratiques-inspirantes/proposer|confirmer
  app.route("/", questionnairePages(s)); //            GET /questionnaire, /questionnaires/:slug (POST: answer), /questionnaire/confirmer|retirer
  if (s.config.WEB_DIST) app.route("/", staticWeb(s.config.WEB_DIST));
  return app;
}
