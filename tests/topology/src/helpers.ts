/**
 * The topology for one test file (in a temporary folder, stopped after it), and the stock
 * y-websocket clients that type through nginx, each recording what it wrote, what it saw and how
 * long it stayed disconnected.
 */
import { chmod, mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { startTopology, type Topology } from "@atelier/infra/local/topology.js";
import { connect, fragmentText, readStored, synced, until, write, type Peer } from "@atelier/server/src/collab/test-helpers.js";
import { openPostgres } from "@atelier/server/src/db/postgres.js";
import { Client } from "@atelier/server/test/harness.js";
import { UNCAUGHT_MARK } from "@atelier/server/src/uncaught.js";
import { afterAll, expect, inject, onTestFailed } from "vitest";
import * as Y from "yjs";
// The built web app that build-web.ts provides to every file.
import type {} from "@atelier/e2e/src/build-web.js";

export { until };

/** Starts the topology with the demo programme; it is stopped (and its folder removed) after the file. */
export async function topologyForFile(): Promise<Topology> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "atelier-topology-"));
  // PostgreSQL, run as its own account when we are root, must reach its folder.
  await chmod(dir, 0o755);
  const topology = await startTopology({ dir, webDist: inject("webDist"), seedDemo: true });
  afterAll(async () => {
    await topology.stop();
    // An exception or rejection nothing caught, in either instance at any moment, fails the file.
    for (const instance of topology.instances) {
      const logged = await readFile(path.join(dir, "logs", `${instance.name}.log`), "utf8");
      expect(logged, `${instance.name} : erreur non rattrapée`).not.toContain(UNCAUGHT_MARK);
    }
    // KEEP_TOPOLOGY=1 keeps the folder (logs, databases) to look into after a failure.
    if (!process.env.KEEP_TOPOLOGY) await rm(dir, { recursive: true, force: true });
  });
  return topology;
}

/** On failure, what every process of the topology last printed. */
export function reportOnFailure(topology: Topology) {
  onTestFailed(() => console.error(topology.tails()));
}

/** A person's API session through nginx. */
export async function signIn(topology: Topology, email: string) {
  const client = new Client(topology.url, topology.url);
  await client.login(email);
  return client;
}

export async function newDocument(client: Client, title: string) {
  const spaces = (await client.get("/api/spaces")).body.spaces as { id: string; slug: string }[];
  const space = spaces.find((s) => s.slug === "grand-sud")!;
  const reply = await client.post(`/api/spaces/${space.id}/documents`, { title, kind: "livrable" });
  if (reply.status !== 201) throw new Error(`document non créé : ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body.document.id as string;
}

const TOKEN = /«(c\d+-\d+)»/g;
export const tokensOf = (doc: Y.Doc) => new Set([...fragmentText(doc).matchAll(TOKEN)].map((m) => m[1]!));

export interface Typist {
  readonly name: string;
  readonly peer: Peer;
  /** Every token it wrote. */
  readonly written: Set<string>;
  /** Every token it ever held (its own and those it received). */
  readonly seen: Set<string>;
  /** Milliseconds of each time it was disconnected, the one under way included. */
  offlineSpans(): number[];
  /** Writes a paragraph holding a new token (connected or not: the client keeps it until it syncs). */
  type(): void;
  /** Its WebSocket's TCP link destroyed, no closing handshake: as a network cut. */
  cut(): void;
  destroy(): void;
}

export function typist(topology: Topology, client: Client, documentId: string, index: number): Typist {
  const peer = connect(topology.url, client, documentId);
  const written = new Set<string>();
  const seen = new Set<string>();
  const spans: number[] = [];
  let offlineSince: number | null = Date.now();
  peer.provider.on("status", ({ status }: { status: string }) => {
    if (status === "connected" && offlineSince !== null) {
      spans.push(Date.now() - offlineSince);
      offlineSince = null;
    } else if (status !== "connected" && offlineSince === null) offlineSince = Date.now();
  });
  // Only additions happen: what it held once must be in the end result.
  peer.doc.getXmlFragment("default").observe((event) => {
    for (const item of event.changes.added) {
      for (const content of item.content.getContent()) {
        if (content instanceof Y.XmlElement) for (const m of content.toString().matchAll(TOKEN)) seen.add(m[1]!);
      }
    }
  });
  let n = 0;
  return {
    name: `c${index}`,
    peer,
    written,
    seen,
    offlineSpans: () => (offlineSince === null ? spans : [...spans, Date.now() - offlineSince]),
    type() {
      const token = `c${index}-${n++}`;
      written.add(token);
      write(peer, `«${token}»`);
    },
    cut() {
      const ws = peer.provider.ws as unknown as { _socket?: { destroy(): void } } | null;
      ws?._socket?.destroy();
    },
    destroy: () => peer.destroy(),
  };
}

/** Waits until every client is connected, synced and holds the same document, which holds all that was written and seen. */
export async function converged(typists: Typist[], ms = 60_000) {
  await until("clients synchronisés", () => typists.every((t) => t.peer.provider.wsconnected && t.peer.provider.synced), ms);
  const expected = new Set(typists.flatMap((t) => [...t.written, ...t.seen]));
  await until(
    "convergence",
    () => typists.every((t) => tokensOf(t.peer.doc).size === expected.size && fragmentText(t.peer.doc) === fragmentText(typists[0]!.peer.doc)),
    ms,
  );
  return expected;
}

/** The document as a newcomer gets it through nginx: what the server stored and serves. */
export async function servedText(topology: Topology, client: Client, documentId: string) {
  const peer = connect(topology.url, client, documentId);
  try {
    await synced(peer);
    return fragmentText(peer.doc);
  } finally {
    peer.destroy();
  }
}

/** The document as the database holds it (its whole log). */
export async function storedText(topology: Topology, documentId: string) {
  const db = await openPostgres(topology.databaseUrl);
  try {
    return await readStored(db, documentId, fragmentText);
  } finally {
    await db.close();
  }
}
