/**
 * Builds and starts one Atelier instance: database, migrations, services, HTTP.
 * main.ts calls it with the environment; tests call it with their own configuration.
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { createApp } from "./app.js";
import { createServices } from "./services.js";
import type { Config } from "./config.js";
import type { Services } from "./context.js";
import { openDb, type Db } from "./db/index.js";
import { createLogger, useLogger } from "./logging/logger.js";
import { migrate } from "./db/migrate.js";
import { isEmpty, seedDemo } from "./seed/demo.js";
import { seedDemoDocuments } from "./seed/demo-documents.js";
import { startMaintenance } from "./maintenance.js";
import { MAINTENANCE_TASKS } from "./tasks.js";
import { attachCollab } from "./collab/server.js";
import { subscribeVersionTracker } from "./versions/tracker.js";
import { settleDeliveries } from "./notifications/delivery.js";
import { subscribeAccessRequests } from "./notifications/access-requests.js";
import { subscribeSearch } from "./search/queue.js";
import { subscribeImportedComments } from "./comments/imported.js";
import { startSearchWorker } from "./search/worker.js";
import { startMetricsServer } from "./metrics/routes.js";
import { subscribePractices } from "./practices/publication.js";
import { subscribeEventReports } from "./agenda/report.js";
import { subscribeWithdrawnQuotes } from "./documents/withdrawn-quotes.js";
import { subscribeWithdrawnVersionQuotes } from "./versions/withdrawn-quotes.js";

/** On shutdown, how long requests under way may take to finish. */
const REQUESTS_GRACE_MS = 5000;

export interface Running {
  url: string;
  port: number;
  /** Where the metrics listener took its port (METRICS_PORT), or null. */
  metricsPort: number | null;
  services: Services;
  /** Whether demo data was seeded on this start. */
  seeded: boolean;
  close(): Promise<void>;
}

export async function startServer(config: Config, opts: { db?: Db } = {}): Promise<Running> {
  useLogger(createLogger(config));
  const db = opts.db ?? (await openDb(config));
  await migrate(db);
  const wantsSeed = config.SEED_DEMO === "true" || (config.SEED_DEMO === "auto" && config.NODE_ENV !== "production");
  const seeded = wantsSeed && (await isEmpty(db));
  if (seeded) await seedDemo(db);

  const services = await createServices(config, db);
  subscribeAccessRequests(services);
  // Automatic versions and authorship follow the content stored (socket, restore).
  const versionTracker = subscribeVersionTracker(services);
  subscribeSearch(services);
  // A published fiche pratique leaves the site when its document is trashed or its consent withdrawn.
  subscribePractices(services);
  // An event's compte rendu leaves its page when its document is trashed.
  subscribeEventReports(services);
  // An imported file's comments become threads of its new document.
  subscribeImportedComments(services);
  // A withdrawn questionnaire answer leaves the live text first, then the versions: a version made
  // while the live text changes is still among those rewritten.
  subscribeWithdrawnQuotes(services);
  subscribeWithdrawnVersionQuotes(services);
  if (seeded) await seedDemoDocuments(services);
  const app = createApp(services);
  const stopMaintenance = startMaintenance(services, MAINTENANCE_TASKS);
  const stopSearch = startSearchWorker(services);
  const server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, () => resolve(s as Server));
  });
  const collab = await attachCollab(server, services);
  const metricsServer = await startMetricsServer(config);
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://localhost:${port}`,
    port,
    metricsPort: metricsServer ? (metricsServer.address() as AddressInfo).port : null,
    services,
    seeded,
    async close() {
      // No new connection from here: a proxy sends them, and the sockets told to reconnect, to another instance.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      stopMaintenance();
      await stopSearch();
      await collab.close();
      // After the rooms' last writes, which it tracks.
      await versionTracker.close();
      // Requests under way get a moment to finish before they are cut.
      await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, REQUESTS_GRACE_MS).unref())]);
      server.closeAllConnections();
      await closed;
      metricsServer?.closeAllConnections();
      await new Promise<void>((resolve) => (metricsServer ? metricsServer.close(() => resolve()) : resolve()));
      await settleDeliveries(services);
      await services.mailer.drain();
      await services.formGuard.close();
      if (!opts.db) await db.close();
    },
  };
}
