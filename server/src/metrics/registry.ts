/**
 * Prometheus metrics (prom-client): one registry for the process, since one process is one
 * instance. Capabilities import the instruments they feed; nothing here imports a capability.
 * Labels are bounded: HTTP routes are Hono's matched patterns (never a path with ids), no user ids.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: "atelier_" });

export const httpRequests = new Counter({
  name: "atelier_http_requests_total",
  help: "Requêtes HTTP servies, par méthode, route (motif) et statut.",
  labelNames: ["method", "route", "status"] as const,
  registers: [registry],
});

export const httpDuration = new Histogram({
  name: "atelier_http_request_duration_seconds",
  help: "Durée des requêtes HTTP, par méthode, route (motif) et statut.",
  labelNames: ["method", "route", "status"] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

export const collabSockets = new Gauge({
  name: "atelier_collab_sockets_open",
  help: "Connexions de co-écriture ouvertes sur cette instance.",
  registers: [registry],
});

export const collabDocuments = new Gauge({
  name: "atelier_collab_documents_open",
  help: "Documents ouverts (en mémoire) sur cette instance.",
  registers: [registry],
});

export const collabUpdatesReceived = new Counter({
  name: "atelier_collab_updates_received_total",
  help: "Mises à jour reçues des clients (avant contrôle).",
  registers: [registry],
});

export const collabUpdatesRelayed = new Counter({
  name: "atelier_collab_updates_relayed_total",
  help: "Mises à jour relayées, aux clients de cette instance (socket) ou aux autres instances (redis).",
  labelNames: ["via"] as const,
  registers: [registry],
});

export const collabStoreDuration = new Histogram({
  name: "atelier_collab_store_duration_seconds",
  help: "Durée d'écriture d'un lot de mises à jour en base.",
  buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  registers: [registry],
});

export const collabStoreBatch = new Histogram({
  name: "atelier_collab_store_batch_updates",
  help: "Nombre de mises à jour par lot écrit en base.",
  buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500],
  registers: [registry],
});

export const loginFailures = new Counter({
  name: "atelier_login_failures_total",
  help: "Connexions refusées (identifiants inconnus, faux ou compte désactivé).",
  registers: [registry],
});

export const collabCompactions = new Counter({
  name: "atelier_collab_compactions_total",
  help: "Compactions du journal d'un document (ses mises à jour fusionnées en une ligne), par résultat.",
  labelNames: ["result"] as const,
  registers: [registry],
});

export const fanoutLag = new Histogram({
  name: "atelier_collab_fanout_lag_seconds",
  help: "Délai entre la publication d'une mise à jour par une instance et sa réception par celle-ci, via Redis (horloges synchronisées).",
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  registers: [registry],
});

export const redisConnected = new Gauge({
  name: "atelier_redis_connected",
  help: "1 quand l'abonnement Redis de cette instance est établi, 0 pendant une coupure.",
  registers: [registry],
});

export const uploadsInFlight = new Gauge({
  name: "atelier_uploads_in_flight",
  help: "Envois de fichiers en cours de réception sur cette instance.",
  registers: [registry],
});

export const mailsSending = new Gauge({
  name: "atelier_mail_sending",
  help: "Courriels en cours d'envoi (file du serveur SMTP) sur cette instance.",
  registers: [registry],
});
