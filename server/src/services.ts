/** The services every route receives, built once at start (server.ts) or by a command (search/rebuild.ts). */
import type { Config } from "./config.js";
import type { Services } from "./context.js";
import type { Db } from "./db/index.js";
import { DocumentContent } from "./documents/content.js";
import { createLocalBus } from "./events/bus.js";
import { createMailer } from "./mail/mailer.js";
import { createFormGuard } from "./public-site/form-guard.js";
import { createPageCache } from "./public-site/page-cache.js";
import { openStorage } from "./storage/index.js";

export async function createServices(config: Config, db: Db): Promise<Services> {
  const bus = createLocalBus();
  return {
    config,
    db,
    mailer: createMailer(config),
    bus,
    storage: await openStorage(config),
    content: new DocumentContent(db, bus),
    formGuard: createFormGuard(config),
    pageCache: createPageCache(db, { seconds: config.PAGE_CACHE_SECONDS, maxBytes: config.PAGE_CACHE_MB * 1024 * 1024 }),
  };
}
