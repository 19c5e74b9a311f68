/**
 * The Prometheus scrape: who may read it, that it parses as Prometheus text, and that its
 * counters move when a y-websocket client edits a document.
 */
import parsePrometheusTextFormat from "parse-prometheus-text-format";
import { afterAll, expect, it } from "vitest";
import { spaceId, startTestServer } from "../../test/harness.js";
import { connect, synced, until, write } from "../collab/test-helpers.js";

const TOKEN = "jeton-de-supervision-0123456789";
const server = await startTestServer({ METRICS_TOKEN: TOKEN, METRICS_PORT: "0" });
const membre = await server.as("membre.grand-sud@atelier.test");
const grandSud = await spaceId(server, "grand-sud");
const peers: ReturnType<typeof connect>[] = [];
afterAll(() => peers.forEach((p) => p.destroy()));

async function scrape() {
  const res = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("text/plain");
  return parsePrometheusTextFormat(await res.text());
}

/** The sum of a family's samples whose labels include `labels` (a histogram: its count). */
async function value(name: string, labels: Record<string, string> = {}) {
  const family = (await scrape()).find((f) => f.name === name);
  if (!family) throw new Error(`${name} absent du relevé`);
  return family.metrics
    .filter((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v))
    .reduce((n, m) => n + Number(m.value ?? m.count), 0);
}

it("is read on the main port only with the operator's token, and not at all without one", async () => {
  expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
  expect((await fetch(`${server.url}/metrics`, { headers: { authorization: "Bearer mauvais-jeton" } })).status).toBe(401);
  // A session, even an administrator's, is not an operator's token.
  const admin = await server.as("admin@atelier.test");
  expect((await admin.get("/metrics")).status).toBe(401);
  expect((await scrape()).length).toBeGreaterThan(0);

  server.config.METRICS_TOKEN = undefined;
  try {
    const r = await admin.get("/metrics");
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe("unknown_route");
  } finally {
    server.config.METRICS_TOKEN = TOKEN;
  }
});

it("is served without a token on its own port (METRICS_PORT)", async () => {
  expect(server.metricsPort).toBeGreaterThan(0);
  const res = await fetch(`http://127.0.0.1:${server.metricsPort}/metrics`);
  expect(res.status).toBe(200);
  const families = parsePrometheusTextFormat(await res.text());
  expect(families.map((f) => f.name)).toContain("atelier_http_requests_total");
});

it("counts HTTP requests under their route pattern and status, never a path with ids, and login failures", async () => {
  const created = await membre.post(`/api/spaces/${grandSud}/documents`, { title: "Relevé", kind: "livrable" });
  expect(created.status).toBe(201);
  const id = created.body.document.id as string;
  const before = await value("atelier_http_requests_total", { route: "/api/documents/:id", status: "200" });
  expect((await membre.get(`/api/documents/${id}`)).status).toBe(200);
  expect(await value("atelier_http_requests_total", { route: "/api/documents/:id", status: "200" })).toBe(before + 1);
  const families = await scrape();
  // The parser folds a labelled histogram's series into one: its presence and type are what it can tell.
  expect(families.find((f) => f.name === "atelier_http_request_duration_seconds")?.type).toBe("HISTOGRAM");
  const routes = families.find((f) => f.name === "atelier_http_requests_total")!.metrics.map((m) => m.labels!.route!);
  expect(routes.some((r) => r.includes(id))).toBe(false);

  const failures = await value("atelier_login_failures_total");
  const bad = await server.client().post("/api/auth/login", { email: "membre.grand-sud@atelier.test", password: "pas le bon" });
  expect(bad.status).toBe(401);
  expect(await value("atelier_login_failures_total")).toBe(failures + 1);
});

it("moves the collaboration counters when a y-websocket client edits a document", async () => {
  const created = await membre.post(`/api/spaces/${grandSud}/documents`, { title: "Co-écriture", kind: "livrable" });
  const id = created.body.document.id as string;
  const names = [
    "atelier_collab_updates_received_total",
    "atelier_collab_store_batch_updates",
    "atelier_collab_store_duration_seconds",
  ] as const;
  const before = await Promise.all(names.map((n) => value(n)));
  const relayedBefore = await value("atelier_collab_updates_relayed_total", { via: "socket" });
  const socketsBefore = await value("atelier_collab_sockets_open");

  const writer = connect(server.url, membre, id);
  const reader = connect(server.url, await server.as("pilote.grand-sud@atelier.test"), id);
  peers.push(writer, reader);
  await Promise.all([synced(writer), synced(reader)]);
  expect(await value("atelier_collab_sockets_open")).toBe(socketsBefore + 2);
  expect(await value("atelier_collab_documents_open")).toBeGreaterThanOrEqual(1);

  write(writer, "Relevé des compteurs");
  await until("relayé", () => reader.doc.getXmlFragment("default").toString().includes("Relevé des compteurs"));
  const after = await Promise.all(names.map((n) => value(n)));
  after.forEach((v, i) => expect(v, names[i]).toBeGreaterThan(before[i]!));
  expect(await value("atelier_collab_updates_relayed_total", { via: "socket" })).toBeGreaterThan(relayedBefore);

  writer.destroy();
  reader.destroy();
  await until("sockets fermées", async () => (await value("atelier_collab_sockets_open")) === socketsBefore);
});
