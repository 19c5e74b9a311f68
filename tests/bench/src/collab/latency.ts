/**
 * One editor types the trace at a steady rate while observers read along: the time from the
 * editor's change to each observer having it, with the server's CPU and memory meanwhile.
 */
import type { Patch } from "./trace.js";
import { measure } from "./procstat.js";
import type { BenchClient, RunningServer } from "./servers.js";
import { latencySummary, round, until } from "./stats.js";
import { appendParagraph, clockOf, typeAtRate } from "./ydoc.js";

export interface LatencyResult {
  server: string;
  observers: number;
  edits: number;
  p50: number;
  p99: number;
  max: number;
  cpuPercent: number;
  peakRssMiB: number;
}

export async function latencyRun(server: RunningServer, observers: number, txns: { patches: Patch[] }[], rate: number): Promise<LatencyResult> {
  const name = await server.newDocument();
  const editor = server.connect(name);
  await editor.synced;
  const fragment = editor.doc.getXmlFragment("default");
  const text = appendParagraph(editor.doc);
  const readers: BenchClient[] = [];
  for (let i = 0; i < observers; i++) readers.push(server.connect(name));
  await Promise.all(readers.map((r) => r.synced));
  await until("les observateurs ont le paragraphe", () => readers.every((r) => r.doc.getXmlFragment("default").length === fragment.length));

  const me = editor.doc.clientID;
  const sentClock: number[] = [];
  const sentAt: number[] = [];
  const latencies = new Float64Array(txns.length * observers);
  let recorded = 0;
  const seen = readers.map(() => 0);
  readers.forEach((r, k) => {
    r.doc.on("update", () => {
      const clock = clockOf(r.doc, me);
      const now = performance.now();
      while (seen[k]! < sentClock.length && sentClock[seen[k]!]! <= clock) latencies[recorded++] = now - sentAt[seen[k]!++]!;
    });
  });

  const { cpuPercent, peakRssMiB } = await measure(server.pid, async () => {
    await typeAtRate(text, txns, rate, () => {
      sentClock.push(clockOf(editor.doc, me));
      sentAt.push(performance.now());
    });
    await until("tous les observateurs à jour", () => seen.every((s) => s === sentClock.length));
  });

  for (const r of readers) r.destroy();
  editor.destroy();
  const sorted = latencies.subarray(0, recorded).sort();
  return {
    server: server.name,
    observers,
    edits: txns.length,
    ...latencySummary(sorted),
    cpuPercent: round(cpuPercent),
    peakRssMiB: round(peakRssMiB),
  };
}
