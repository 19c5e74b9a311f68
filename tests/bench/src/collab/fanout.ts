/**
 * Fan-out: one stock writer types the trace while hundreds of raw observers read along. An observer
 * is a bare `ws` socket doing the y-websocket handshake itself (it asks for the state, then counts
 * the updates it receives), so that the bench measures the server, not a Y.Doc per observer. The
 * writer sends one update per edit and the servers relay each as one message: the k-th update an
 * observer receives is the writer's k-th edit. Every observer must receive every update, in order
 * (the clocks are checked on one observer).
 */
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import WebSocket from "ws";
import * as Y from "yjs";
import { measure } from "./procstat.js";
import type { RunningServer } from "./servers.js";
import { latencySummary, round, sleep, until } from "./stats.js";
import type { Patch } from "./trace.js";
import { appendParagraph, clockOf, typeAtRate } from "./ydoc.js";

const SYNC = 0;
const STEP1 = 0;
const STEP2 = 1;
const UPDATE = 2;

export interface FanoutResult {
  server: string;
  observers: number;
  edits: number;
  p50: number;
  p99: number;
  max: number;
  /** Observers that missed an update or got one out of order (must be 0). */
  incomplete: number;
  cpuPercent: number;
  peakRssMiB: number;
}

interface Observer {
  ws: WebSocket;
  /** Arrival time of each update received after the initial state. */
  arrivals: number[];
  synced: Promise<void>;
  /** The raw updates, kept by the one observer whose order is checked. */
  kept?: Uint8Array[];
}

function observe(target: { url: string; headers: Record<string, string> }, keep: boolean): Observer {
  const ws = new WebSocket(target.url, { headers: target.headers, perMessageDeflate: false });
  ws.binaryType = "nodebuffer";
  const arrivals: number[] = [];
  const kept = keep ? [] as Uint8Array[] : undefined;
  let markSynced!: () => void;
  const synced = new Promise<void>((resolve, reject) => {
    markSynced = resolve;
    ws.once("error", reject);
    ws.once("close", (code) => reject(new Error(`fermé (${code})`)));
  });
  let isSynced = false;
  ws.on("open", () => {
    // The state, from nothing.
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, SYNC);
    encoding.writeVarUint(e, STEP1);
    encoding.writeVarUint8Array(e, Y.encodeStateVector(new Y.Doc()));
    ws.send(encoding.toUint8Array(e));
  });
  ws.on("message", (data: Buffer) => {
    const now = performance.now();
    const d = decoding.createDecoder(data);
    if (decoding.readVarUint(d) !== SYNC) return; // presence
    const sub = decoding.readVarUint(d);
    if (sub === STEP2) {
      isSynced = true;
      markSynced();
    } else if (sub === UPDATE && isSynced) {
      arrivals.push(now);
      kept?.push(decoding.readVarUint8Array(d));
    }
  });
  return { ws, arrivals, synced, kept };
}

export async function fanoutRun(server: RunningServer, observers: number, txns: { patches: Patch[] }[], rate: number): Promise<FanoutResult> {
  if (!server.raw) throw new Error(`${server.name} : pas d'observateur brut`);
  const name = await server.newDocument();
  const writer = server.connect(name);
  await writer.synced;
  const text = appendParagraph(writer.doc);
  await sleep(200);
  const crowd: Observer[] = [];
  // By hundreds, as people join a plenary: not the reconnect storm (measured elsewhere).
  for (let i = 0; i < observers; i += 100) {
    const wave = Array.from({ length: Math.min(100, observers - i) }, (_, k) => observe(server.raw!(name), i + k === 0));
    await Promise.all(wave.map((o) => o.synced));
    crowd.push(...wave);
  }
  const me = writer.doc.clientID;
  const sentAt: number[] = [];
  const { cpuPercent, peakRssMiB } = await measure(server.pid, async () => {
    await typeAtRate(text, txns, rate, () => {
      sentAt.push(performance.now());
    });
    await until("tous les observateurs à jour", () => crowd.every((o) => o.arrivals.length >= sentAt.length), 60_000).catch(() => {});
  });
  const latencies = new Float64Array(sentAt.length * observers);
  let n = 0;
  let incomplete = 0;
  for (const o of crowd) {
    if (o.arrivals.length !== sentAt.length) incomplete++;
    for (let k = 0; k < Math.min(o.arrivals.length, sentAt.length); k++) latencies[n++] = o.arrivals[k]! - sentAt[k]!;
  }
  // In order, each edit once: the writer's clock only grows (an edit that only deletes adds no clock).
  const clocks = crowd[0]!.kept!.flatMap((u) => Y.parseUpdateMeta(u).to.get(me) ?? []);
  if (clocks.some((c, k) => k > 0 && c <= clocks[k - 1]!) || clocks.at(-1) !== clockOf(writer.doc, me)) incomplete++;
  for (const o of crowd) o.ws.terminate();
  writer.destroy();
  const sorted = latencies.subarray(0, n).sort();
  return {
    server: server.name,
    observers,
    edits: sentAt.length,
    ...latencySummary(sorted),
    incomplete,
    cpuPercent: round(cpuPercent),
    peakRssMiB: round(peakRssMiB),
  };
}
