/**
 * Configuration from the environment, validated once at start. A bad value stops the
 * server with a message naming the variable, rather than failing later on a request.
 */
import { z } from "zod";

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

const ConfigSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  /** Where users reach Atelier; links in e-mails and the allowed Origin derive from it. */
  PUBLIC_URL: z.url().optional(),
  /** Further origins allowed to send state-changing requests (comma-separated). */
  ALLOWED_ORIGINS: z.string().default(""),
  DATABASE_URL: z.url().optional(),
  /** Where the embedded database, local files and the mail outbox live. */
  DATA_DIR: z.string().default("./data"),
  /** "auto": seed the demo programme into an empty database, except in production. */
  SEED_DEMO: z.enum(["auto", "true", "false"]).default("auto"),
  REDIS_URL: z.url().optional(),
  SMTP_URL: z.url().optional(),
  MAIL_FROM: z.string().default("Atelier <ne-pas-repondre@atelier.local>"),
  S3_ENDPOINT: z.url().optional(),
  S3_ACCESS_KEY: z.string().optional(),
  S3_SECRET_KEY: z.string().optional(),
  S3_BUCKET: z.string().default("atelier"),
  S3_REGION: z.string().default("us-east-1"),
  /** Sessions end after this much inactivity. */
  SESSION_INACTIVITY_DAYS: z.coerce.number().positive().default(10),
  /** Serve the built web app from this folder ("" to serve the API only). */
  WEB_DIST: z.string().default("../web/dist"),
  COOKIE_SECURE: bool.optional(),
  /** Set behind a reverse proxy that appends the client's address to X-Forwarded-For. */
  TRUST_PROXY: bool.default(false),
  BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(1_000_000),
  /** Signs the public forms' timing field; every instance behind one address needs the same (random per process otherwise). */
  FORM_SECRET: z.string().min(16).optional(),
  /** A public form sent sooner than this after it was shown is a robot's. */
  PUBLIC_FORM_MIN_SECONDS: z.coerce.number().min(0).default(2),
  /** The public site's rendered pages are kept at most this long, for what changes with the clock alone (public-site/page-cache.ts); 0 keeps none. */
  PAGE_CACHE_SECONDS: z.coerce.number().int().min(0).default(60),
  /** Memory the kept pages may take, per instance. */
  PAGE_CACHE_MB: z.coerce.number().positive().default(32),
  /** Registrants' data is deleted this many days after their event ends. */
  REGISTRATION_RETENTION_DAYS: z.coerce.number().int().positive().default(90),
  /** Search counts this many matches at most; past it the total and the facets' counts say "at least" (search/query.ts). */
  SEARCH_COUNT_CAP: z.coerce.number().int().min(1).default(1000),
  /** A questionnaire's respondents' details (organisation, address, telephone) are erased this many days after their answer. */
  QUESTIONNAIRE_RETENTION_DAYS: z.coerce.number().int().positive().default(180),
  FILE_MAX_BYTES: z.coerce.number().int().positive().default(200 * 1024 * 1024),
  COLLAB_MAX_MESSAGE_BYTES: z.coerce.number().int().positive().default(2 * 1024 * 1024),
  COLLAB_MAX_DOCUMENT_BYTES: z.coerce.number().int().positive().default(20 * 1024 * 1024),
  /** The national event's live synthesis is read along by up to 1,500 participants at once (≈ 8 KiB a socket). */
  COLLAB_MAX_CONNECTIONS_PER_DOCUMENT: z.coerce.number().int().positive().default(2000),
  COLLAB_COMPACT_ROWS: z.coerce.number().int().positive().default(500),
  COLLAB_COMPACT_BYTES: z.coerce.number().int().positive().default(1024 * 1024),
  /** Collaboration sockets are pinged this often; one that did not answer the last ping is closed. */
  COLLAB_PING_MS: z.coerce.number().int().positive().default(30_000),
  /** How often the sessions of open collaboration sockets are checked again; a socket whose session ended is closed. */
  COLLAB_SESSION_CHECK_MS: z.coerce.number().int().positive().default(60_000),
  /** A socket with more than this waiting to be sent cannot keep up: it is dropped, and resyncs on reconnecting. */
  COLLAB_MAX_BUFFERED_BYTES: z.coerce.number().int().positive().default(16 * 1024 * 1024),
  /** Deepest nesting of elements an update may create; the editor's schema needs about 25 for ten nested lists. */
  COLLAB_MAX_DEPTH: z.coerce.number().int().positive().default(100),
  /** Per connection: messages and bytes a second (a burst of twice that); past it the socket is read more slowly. */
  COLLAB_CONN_MESSAGES_PER_SECOND: z.coerce.number().int().positive().default(100),
  COLLAB_CONN_BYTES_PER_SECOND: z.coerce.number().int().positive().default(1024 * 1024),
  /** Largest presence (awareness) message; a larger one closes its connection (4400). */
  COLLAB_MAX_AWARENESS_BYTES: z.coerce.number().int().positive().default(16 * 1024),
  /** An automatic version after this long without edits, and at least this often while people write. */
  VERSION_AUTO_PAUSE_MS: z.coerce.number().int().positive().default(2 * 60_000),
  VERSION_AUTO_EVERY_MS: z.coerce.number().int().positive().default(10 * 60_000),
  /** Audit entries older than this are deleted. */
  AUDIT_RETENTION_DAYS: z.coerce.number().int().positive().default(365),
  /** Notifications (read or not) are deleted this many days after they were made. */
  NOTIFICATION_RETENTION_DAYS: z.coerce.number().int().positive().default(180),
  /** Invitation and password-reset links are deleted this many days after they expired, were used or revoked. */
  EXPIRED_LINK_RETENTION_DAYS: z.coerce.number().int().positive().default(30),
  /** An account unused this many years has its personal data erased, after a warning by e-mail… */
  INACTIVE_ACCOUNT_YEARS: z.coerce.number().int().positive().default(3),
  /** …sent this many days before. */
  INACTIVE_WARNING_DAYS: z.coerce.number().int().positive().default(30),
  /** ProConnect (OpenID Connect): all three set show "S'identifier avec ProConnect" on the login page. */
  PROCONNECT_ISSUER: z.url().optional(),
  PROCONNECT_CLIENT_ID: z.string().optional(),
  PROCONNECT_CLIENT_SECRET: z.string().optional(),
  /** Accepted authentication levels (`acr`), comma-separated; ProConnect's "eidas1" by default. */
  PROCONNECT_ACR: z.string().default("eidas1"),
  /** Algorithm ProConnect signs ID tokens and userinfo with (set on the client at ProConnect). */
  PROCONNECT_SIGNING_ALG: z.string().default("RS256"),
  /** Seconds of clock difference with the provider tolerated when checking token dates. */
  PROCONNECT_CLOCK_TOLERANCE_S: z.coerce.number().int().min(0).default(30),
  /** Prometheus metrics on their own listener at this port (GET /metrics), for a private network. */
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** Metrics on the main port at /metrics, for a scraper sending `Authorization: Bearer <token>`. */
  METRICS_TOKEN: z.string().min(16).optional(),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  /** The JSON log goes to this file instead of stdout. */
  LOG_FILE: z.string().min(1).optional(),
});

export type RawConfig = z.infer<typeof ConfigSchema>;
export interface Config extends RawConfig {
  publicUrl: string;
  allowedOrigins: string[];
  cookieSecure: boolean;
}

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty strings mean "not set", as they do in most .env files.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = ConfigSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Configuration invalide :\n${lines.join("\n")}`);
  }
  const raw = parsed.data;
  if (raw.S3_ENDPOINT && (!raw.S3_ACCESS_KEY || !raw.S3_SECRET_KEY)) {
    throw new ConfigError("Configuration invalide :\n  S3_ACCESS_KEY, S3_SECRET_KEY: requis avec S3_ENDPOINT");
  }
  const proconnect = [raw.PROCONNECT_ISSUER, raw.PROCONNECT_CLIENT_ID, raw.PROCONNECT_CLIENT_SECRET];
  if (proconnect.some(Boolean) && !proconnect.every(Boolean)) {
    throw new ConfigError(
      "Configuration invalide :\n  PROCONNECT_ISSUER, PROCONNECT_CLIENT_ID, PROCONNECT_CLIENT_SECRET: les trois ensemble, ou aucun",
    );
  }
  const publicUrl = (raw.PUBLIC_URL ?? `http://localhost:${raw.PORT}`).replace(/\/$/, "");
  const extra = raw.ALLOWED_ORIGINS.split(",").map((s) => s.trim()).filter(Boolean);
  return {
    ...raw,
    publicUrl,
    allowedOrigins: [new URL(publicUrl).origin, ...extra],
    cookieSecure: raw.COOKIE_SECURE ?? publicUrl.startsWith("https:"),
  };
}
