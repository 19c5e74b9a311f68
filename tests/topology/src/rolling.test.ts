/// <reference path="../../../server/src/metrics/parse-prometheus-text-format.d.ts" />
/**
 * A rolling restart while 10 clients type through nginx: each instance in turn gets SIGTERM (it
 * stops taking connections, closes its sockets with 1012 so that they reconnect to the other one,
 * stores what it holds and exits), then starts again. Nothing typed is lost, and no client stays
 * disconnected for more than 10 s. Then the database drops every connection, again and again, while
 * they type: the transactions under way fail and are made again, and neither instance falls.
 */
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import parsePrometheusTextFormat from "parse-prometheus-text-format";
import { expect, it } from "vitest";
import { fragmentText } from "@atelier/server/src/collab/test-helpers.js";
import { openPostgres } from "@atelier/server/src/db/postgres.js";
import { converged, newDocument, reportOnFailure, servedText, signIn, storedText, topologyForFile, typist, until } from "./helpers.js";

const topology = await topologyForFile();
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A member's new document with 10 stock clients on it, synced through nginx, ready to type. */
async function tenTypists(title: string) {
  reportOnFailure(topology);
  const client = await signIn(topology, "membre.grand-sud@atelier.test");
  const id = await newDocument(client, title);
  const typists = Array.from({ length: 10 }, (_, i) => typist(topology, client, id, i));
  await until("clients connectés", () => typists.every((t) => t.peer.provider.synced), 30_000);
  return { client, id, typists };
}

/** What the clients converged on is what the database holds and what the API serves. */
async function storedAndServed(client: Awaited<ReturnType<typeof signIn>>, id: string, typists: ReturnType<typeof typist>[]) {
  const text = fragmentText(typists[0]!.peer.doc);
  await until("état stocké", async () => (await storedText(topology, id)) === text, 20_000);
  expect(await servedText(topology, client, id)).toBe(text);
}

it("restarts both instances one after the other while 10 clients type: nothing lost, nobody offline more than 10 s", async () => {
  const { client, id, typists } = await tenTypists("Redémarrage progressif");
  const typing = setInterval(() => typists.forEach((t) => t.type()), 250);
  try {
    await pause(2000);
    for (const instance of topology.instances) {
      await instance.stop();
      await instance.start();
      // The clients moved to the other one; they keep typing before the next restart.
      await pause(3000);
    }
  } finally {
    clearInterval(typing);
  }
  const expected = await converged(typists);
  const written = typists.reduce((n, t) => n + t.written.size, 0);
  expect(expected.size).toBe(written);
  const longest = Math.max(...typists.flatMap((t) => t.offlineSpans()));
  expect(longest).toBeLessThan(10_000);
  await storedAndServed(client, id, typists);
  console.info(`redémarrage progressif : ${written} paragraphes, plus longue déconnexion ${longest} ms, ${typists.reduce((n, t) => n + t.offlineSpans().length, 0)} reconnexions`);
  typists.forEach((t) => t.destroy());
});

it("loses nothing while PostgreSQL drops every connection ten times, transactions under way included", async () => {
  const { client, id, typists } = await tenTypists("Connexions coupées");
  const typing = setInterval(() => typists.forEach((t) => t.type()), 50);
  // What an administrator's pg_terminate_backend or a failover does to the instances' pools.
  const admin = await openPostgres(topology.databaseUrl);
  try {
    for (let i = 0; i < 10; i++) {
      await pause(300);
      await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");
    }
  } finally {
    clearInterval(typing);
    await admin.close();
  }
  const expected = await converged(typists);
  expect(expected.size).toBe(typists.reduce((n, t) => n + t.written.size, 0));
  await storedAndServed(client, id, typists);
  for (const instance of topology.instances) expect((await fetch(`${instance.url}/api/health/ready`)).status).toBe(200);
  typists.forEach((t) => t.destroy());
});

/** One instance's Prometheus scrape, parsed as Prometheus reads it. */
async function scrape(url: string) {
  const res = await fetch(url);
  expect(res.status).toBe(200);
  return parsePrometheusTextFormat(await res.text());
}
const sum = (families: ReturnType<typeof parsePrometheusTextFormat>, name: string) =>
  (families.find((f) => f.name === name)?.metrics ?? []).reduce((n, m) => n + Number(m.value ?? m.count ?? 0), 0);

it("shows in both instances' metrics the sockets spread by nginx, the Redis link and the updates relayed between them", async () => {
  reportOnFailure(topology);
  const client = await signIn(topology, "pilote.grand-sud@atelier.test");
  const id = await newDocument(client, "Relevé des métriques");
  // Sockets go to the instance holding fewer: one each.
  const one = typist(topology, client, id, 1);
  await until("premier client", () => one.peer.provider.synced);
  const two = typist(topology, client, id, 2);
  await until("second client", () => two.peer.provider.synced);
  one.type();
  await until("relayé d'une instance à l'autre", () => two.seen.size === 1);
  const scrapes = await Promise.all(topology.instances.map((i) => scrape(i.metricsUrl)));
  expect(scrapes.map((f) => sum(f, "atelier_collab_sockets_open"))).toEqual([1, 1]);
  expect(scrapes.map((f) => sum(f, "atelier_redis_connected"))).toEqual([1, 1]);
  // The update crossed Redis once, and its delay was measured where it arrived.
  expect(scrapes.reduce((n, f) => n + sum(f, "atelier_collab_fanout_lag_seconds"), 0)).toBeGreaterThanOrEqual(1);
  // Every series the shipped Grafana dashboard draws is one the instances expose.
  const dashboard = await readFile(fileURLToPath(new URL("../../../infra/grafana/atelier.json", import.meta.url)), "utf8");
  const drawn = new Set([...dashboard.matchAll(/atelier_[a-z0-9_]+/g)].map((m) => m[0].replace(/_(bucket|sum|count)$/, "")));
  const exposed = new Set(scrapes[0]!.map((f) => f.name));
  expect([...drawn].filter((name) => !exposed.has(name))).toEqual([]);
  one.destroy();
  two.destroy();
});
