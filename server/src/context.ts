/**
 * What every route receives: the services built at start, and per request the signed-in user.
 * Capabilities add their services here as they arrive.
 */
import type { Config } from "./config.js";
import type { Db } from "./db/index.js";
import type { Mailer } from "./mail/mailer.js";
import type { Session, SessionUser } from "./auth/sessions.js";
import type { Bus } from "./events/bus.js";
import type { DocumentContent } from "./documents/content.js";
import type { Storage } from "./storage/index.js";
import type { FormGuard } from "./public-site/form-guard.js";
import type { MiddlewareHandler } from "hono";

export interface Services {
  config: Config;
  db: Db;
  mailer: Mailer;
  bus: Bus;
  storage: Storage;
  /** Documents' content: the only way to store it (documents/content.ts). */
  content: DocumentContent;
  /** The public forms' defences (rate limits shared across instances, honeypot, timing). */
  formGuard: FormGuard;
  /** The public site's rendered pages, kept while the site does not change (public-site/page-cache.ts). */
  pageCache: MiddlewareHandler<AppEnv>;
}

export interface AppEnv {
  Variables: {
    user: SessionUser | null;
    session: Session | null;
  };
}
