/**
 * Convergence through the server with the stock client: random edits with random disconnects,
 * and the two real concurrent traces of ../shared/traces, one client per agent.
 */
import { existsSync } from "node:fs";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { spaceId, startTestServer, type TestServer } from "../../test/harness.js";
import { connect, readStored, synced, until, type Peer } from "./test-helpers.js";
import { readTrace, traceUpdates, TRACES } from "./traces.js";

let server: TestServer;
const peers: Peer[] = [];

beforeAll(async () => {
  // A low threshold, so that compaction runs in the middle of the editing.
  server = await startTestServer({ COLLAB_COMPACT_ROWS: "50" });
});
afterEach(() => {
  peers.splice(0).forEach((p) => p.destroy());
});

async function newDocument() {
  const membre = await server.as("membre.grand-sud@atelier.test");
  const r = await membre.post(`/api/spaces/${await spaceId(server, "grand-sud")}/documents`, { title: "Essai", kind: "diagnostic" });
  return r.body.document.id as string;
}

async function openPeers(documentId: string, count: number) {
  const client = await server.as("membre.grand-sud@atelier.test");
  const opened = Array.from({ length: count }, () => connect(server.url, client, documentId));
  peers.push(...opened);
  await Promise.all(opened.map(synced));
  return opened;
}

const storedText = (documentId: string, name: string) =>
  readStored(server.services.db, documentId, (doc) => doc.getText(name).toString());

/** A small seeded generator, so that a failure can be replayed. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("convergence", () => {
  it("10 clients editing at random, going off and on line at random, converge; the stored state is theirs", async () => {
    const id = await newDocument();
    const group = await openPeers(id, 10);
    const rnd = random(20261123);
    const words = ["COPIL ", "usagers ", "territoire ", "levier ", "é", "\n", "🙂"];
    for (let round = 0; round < 400; round++) {
      const peer = group[Math.floor(rnd() * group.length)]!;
      const text = peer.doc.getText("t");
      if (text.length > 0 && rnd() < 0.3) {
        const at = Math.floor(rnd() * text.length);
        text.delete(at, Math.min(text.length - at, 1 + Math.floor(rnd() * 5)));
      } else {
        text.insert(Math.floor(rnd() * (text.length + 1)), words[Math.floor(rnd() * words.length)]!);
      }
      const toss = rnd();
      if (toss < 0.03 && peer.provider.shouldConnect) peer.provider.disconnect();
      else if (toss < 0.08 && !peer.provider.shouldConnect) peer.provider.connect();
      if (round % 20 === 0) await new Promise((r) => setTimeout(r, 5));
    }
    group.forEach((p) => p.provider.shouldConnect || p.provider.connect());
    const expected = () => group[0]!.doc.getText("t").toString();
    await until(
      "convergence",
      () => group.every((p) => p.provider.synced && p.doc.getText("t").toString() === expected()),
      20_000,
    );
    expect(expected().length).toBeGreaterThan(0);
    expect(await storedText(id, "t")).toBe(expected());
    const stateVectors = new Set(group.map((p) => Buffer.from(Y.encodeStateVector(p.doc)).toString("base64")));
    expect(stateVectors.size).toBe(1);
  }, 60_000);
});

const traceNames = ["friendsforever", "clownschool"];
// Prepared before the server starts: a second of CPU in the middle of HTTP keep-alive races it.
const traces = existsSync(TRACES)
  ? await Promise.all(
      traceNames.map(async (name) => {
        const trace = await readTrace(name);
        return { name, trace, ...traceUpdates(trace) };
      }),
    )
  : [];

describe("real concurrent traces, one client per agent", () => {
  if (!existsSync(TRACES)) {
    it(`cannot run: the traces folder ${TRACES} is absent (friendsforever and clownschool, from josephg/editing-traces)`, () => {
      expect(existsSync(TRACES)).toBe(false);
    });
    return;
  }
  it.each(traces)("$name ends with the trace's endContent, on every client and in the database", async ({ trace, updates, merges }) => {
    const id = await newDocument();
    const agents = await openPeers(id, trace.numAgents);
    // Fed in the trace's order, a few hundred transactions per frame. An agent types on what it
    // had merged, as a person would: its parents' history goes in first (the server has it already).
    const CHUNK = 300;
    for (let start = 0; start < updates.length; start += CHUNK) {
      for (const [a, peer] of agents.entries()) {
        peer.doc.transact(() => {
          for (let i = start; i < Math.min(start + CHUNK, updates.length); i++) {
            if (trace.txns[i]!.agent !== a) continue;
            for (const j of merges[i]!) Y.applyUpdate(peer.doc, updates[j]!);
            Y.applyUpdate(peer.doc, updates[i]!);
          }
        });
      }
      await new Promise((r) => setImmediate(r));
    }
    await until("fin de la trace", () => agents.every((p) => p.doc.getText("trace").toString() === trace.endContent), 60_000);
    expect(await storedText(id, "trace")).toBe(trace.endContent);
  }, 120_000);
});
