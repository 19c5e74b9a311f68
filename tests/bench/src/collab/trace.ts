/**
 * The editing traces of ../shared/traces (josephg/editing-traces, CC BY 4.0). The product never
 * needs them; the benchmark says plainly where they are absent.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";

export const TRACES_DIR = path.resolve(fileURLToPath(new URL("../../../../../shared/traces/", import.meta.url)));

export type Patch = [pos: number, del: number, ins: string];
export interface SequentialTrace {
  endContent: string;
  txns: { patches: Patch[] }[];
}

export function loadTrace(name: string): SequentialTrace {
  const file = path.join(TRACES_DIR, `${name}.json.gz`);
  if (!existsSync(file)) {
    throw new Error(`Trace absente : ${file}. Les traces sont dans ../shared/traces à côté du dépôt (pas sur le poste d'un utilisateur).`);
  }
  return JSON.parse(gunzipSync(readFileSync(file)).toString("utf8")) as SequentialTrace;
}
