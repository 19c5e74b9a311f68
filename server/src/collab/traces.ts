/**
 * The concurrent editing traces of ../shared/traces turned into Yjs updates, one author per agent,
 * for the convergence tests (and benchmarks) to send through the server.
 */
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import * as Y from "yjs";

export interface Txn {
  parents: number[];
  agent: number;
  patches: [number, number, string][];
}
export interface Trace {
  endContent: string;
  numAgents: number;
  txns: Txn[];
}

/** ../shared/traces beside the repository (josephg/editing-traces, CC BY 4.0). */
export const TRACES = fileURLToPath(new URL("../../../../shared/traces/", import.meta.url));

export async function readTrace(name: string): Promise<Trace> {
  return JSON.parse(gunzipSync(await readFile(`${TRACES}${name}.json.gz`)).toString("utf8")) as Trace;
}

export interface TraceUpdates {
  /** The update each transaction made. */
  updates: Uint8Array[];
  /** For each transaction, the earlier ones its agent merges first (its parents' history not yet merged). */
  merges: number[][];
}

/**
 * Each agent's transactions as Yjs updates, made as the README says: on a doc holding exactly the
 * merge of the transaction's parents (and their ancestors), then applying its patches.
 */
export function traceUpdates(trace: Trace): TraceUpdates {
  // Concurrent inserts at one place are ordered by client id: the traces' endContent assumes the
  // agents' ids rise with their index.
  const authors = Array.from({ length: trace.numAgents }, (_, i) => {
    const doc = new Y.Doc();
    doc.clientID = i + 1;
    return doc;
  });
  const seen = authors.map(() => new Set<number>());
  const updates: Uint8Array[] = [];
  const merges: number[][] = [];
  // Positions are code points; Y.Text counts UTF-16 units, which differ only around astral characters.
  const astral = trace.txns.some((t) => t.patches.some((p) => /[\uD800-\uDFFF]/.test(p[2])));
  trace.txns.forEach((txn, i) => {
    const doc = authors[txn.agent]!;
    const missing: number[] = [];
    const stack = [...txn.parents];
    while (stack.length) {
      const j = stack.pop()!;
      if (seen[txn.agent]!.has(j)) continue;
      seen[txn.agent]!.add(j);
      missing.push(j);
      stack.push(...trace.txns[j]!.parents);
    }
    missing.sort((a, b) => a - b).forEach((j) => Y.applyUpdate(doc, updates[j]!));
    merges.push(missing);
    let captured: Uint8Array | null = null;
    const capture = (u: Uint8Array) => (captured = u);
    doc.on("update", capture);
    const text = doc.getText("trace");
    doc.transact(() => {
      for (const [pos, del, ins] of txn.patches) {
        const at = astral ? [...text.toString()].slice(0, pos).join("").length : pos;
        const len = astral ? [...text.toString().slice(at)].slice(0, del).join("").length : del;
        if (len) text.delete(at, len);
        if (ins) text.insert(at, ins);
      }
    });
    doc.off("update", capture);
    seen[txn.agent]!.add(i);
    updates.push(captured ?? new Uint8Array([0, 0]));
  });
  authors.forEach((d) => d.destroy());
  return { updates, merges };
}

