/**
 * Import and export at the size people bring: a DOCX of about 50 pages written by LibreOffice from
 * the Sud-Ouest bilan (its text twice, as two parts), imported as a livrable; the bilan exported to
 * DOCX, ODT and PDF. Atelier runs as in production (the compiled server, in its own process); each
 * conversion is timed five times through the API (the first apart: it starts the conversion child),
 * with the server's memory growth read from /proc: the Atelier process and, apart, the conversion
 * children it forks (both as RSS growth over the request). Baselines measured in the same run: for the import, the same
 * DOCX uploaded to the resource library (the same bytes through the same server, without conversion);
 * for the exports, the document's HTML read through the API; and LibreOffice itself converting the
 * DOCX to PDF, what a person would do on their own machine.
 *
 *   cd tests/bench && pnpm run build:server && node --import tsx src/conversions/run.ts [DATABASE_URL]
 */
import { execFile } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { marked } from "marked";
import { rssMiB } from "../collab/procstat.js";
import { startAtelier, REPO } from "../collab/servers.js";

const run = promisify(execFile);
const FIXTURE = path.join(REPO, "..", "shared", "fixtures", "egts", "bilan-assises-territoriales-sud-ouest.md");
const RUNS = 5;
/** Copies of the bilan in the DOCX: about twenty pages each. */
const PARTS = 3;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number) => Math.round(x * 10) / 10;

/** The processes `parent` forked (the sandbox's conversion children), from /proc. */
function children(parent: number): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === parent) pids.push(Number(entry));
    } catch {
      // Gone between the listing and the read.
    }
  }
  return pids;
}

function childrenRssMiB(parent: number): number {
  let total = 0;
  for (const pid of children(parent)) {
    try {
      total += rssMiB(pid);
    } catch {
      // Ended meanwhile.
    }
  }
  return total;
}

interface Measured {
  firstMs: number;
  medianMs: number;
  maxMs: number;
  serverRssGrowthMaxMiB: number;
  childrenRssGrowthMaxMiB: number;
  bytes: number;
}

/** Runs `fn` RUNS times against the server `pid`: durations, and the RSS growth of the server and of its children over each. */
async function measure(pid: number, fn: () => Promise<Response>): Promise<Measured> {
  const times: number[] = [];
  let server = 0;
  let forked = 0;
  let bytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const before = { server: rssMiB(pid), forked: childrenRssMiB(pid) };
    const peak = { ...before };
    const sample = () => {
      peak.server = Math.max(peak.server, rssMiB(pid));
      peak.forked = Math.max(peak.forked, childrenRssMiB(pid));
    };
    const sampler = setInterval(sample, 20);
    const t = performance.now();
    const r = await fn();
    const body = await r.arrayBuffer();
    if (!r.ok) throw new Error(`${r.status} ${Buffer.from(body).toString()}`);
    times.push(performance.now() - t);
    clearInterval(sampler);
    sample();
    bytes = body.byteLength;
    server = Math.max(server, peak.server - before.server);
    forked = Math.max(forked, peak.forked - before.forked);
  }
  return {
    firstMs: round(times[0]!),
    medianMs: round(median(times)),
    maxMs: round(Math.max(...times)),
    serverRssGrowthMaxMiB: Math.round(server),
    childrenRssGrowthMaxMiB: Math.round(forked),
    bytes,
  };
}

/** The bilan PARTS times, as parts, written by LibreOffice as DOCX; its page count as LibreOffice lays it out. */
async function fiftyPages(dir: string): Promise<{ docx: Buffer; pages: number; libreOfficePdfMs: number }> {
  const bilan = await readFile(FIXTURE, "utf8");
  const part = await marked.parse(bilan);
  const parts = Array.from({ length: PARTS }, (_, i) => `<h1>Partie ${i + 1}</h1>${part}`).join("");
  const html = `<!doctype html><html><head><meta charset="utf-8"></head><body>${parts}</body></html>`;
  await writeFile(path.join(dir, "bilan-50-pages.html"), html);
  const soffice = (format: string, file: string) =>
    run("soffice", [`-env:UserInstallation=file://${dir}/profile`, "--headless", "--convert-to", format, "--outdir", dir, path.join(dir, file)], { timeout: 180_000 });
  await soffice("docx:MS Word 2007 XML", "bilan-50-pages.html");
  // The first start of LibreOffice makes its profile: the reference is timed on a second one.
  await soffice("pdf", "bilan-50-pages.docx");
  const t = performance.now();
  await soffice("pdf", "bilan-50-pages.docx");
  const libreOfficePdfMs = performance.now() - t;
  const { stdout } = await run("pdfinfo", [path.join(dir, "bilan-50-pages.pdf")]);
  return { docx: await readFile(path.join(dir, "bilan-50-pages.docx")), pages: Number(/Pages:\s+(\d+)/.exec(stdout)?.[1]), libreOfficePdfMs: round(libreOfficePdfMs) };
}

async function main() {
  const dir = await mkdtemp(path.join(os.tmpdir(), "atelier-conversions-bench-"));
  const atelier = await startAtelier({ databaseUrl: process.argv[2] });
  const base = `http://127.0.0.1:${atelier.port}`;
  const { cookie, pid, spaceId } = atelier;
  const origin = `http://localhost:${atelier.port}`;
  try {
    const { docx, pages, libreOfficePdfMs } = await fiftyPages(dir);
    const importOnce = (name: string, bytes: Uint8Array) => {
      const form = new FormData();
      form.set("kind", "livrable");
      form.set("file", new Blob([bytes]), name);
      return fetch(`${base}/api/spaces/${spaceId}/documents/import`, { method: "POST", headers: { cookie, origin }, body: form });
    };

    const upload = await measure(pid, () =>
      fetch(`${base}/api/spaces/${spaceId}/files?name=bilan-50-pages.docx`, { method: "POST", headers: { cookie, origin }, body: new Uint8Array(docx) }),
    );
    const importing = await measure(pid, () => importOnce("bilan-50-pages.docx", docx));

    const bilan = (await (await importOnce("bilan-assises-territoriales-sud-ouest.md", await readFile(FIXTURE))).json()) as { id: string };
    const get = (query: string) => () => fetch(`${base}/api/documents/${bilan.id}/${query}`, { headers: { cookie } });
    const html = await measure(pid, get("content?format=html"));
    const exports: Record<string, Measured> = {};
    for (const format of ["docx", "odt", "pdf"]) exports[format] = await measure(pid, get(`export?format=${format}`));

    console.log(
      JSON.stringify(
        {
          database: process.argv[2] ? "postgres" : "pglite",
          docx: { bytes: docx.length, pages },
          baselineUploadSameDocx: upload,
          importDocx: { ...importing, ratioToUpload: round(importing.medianMs / upload.medianMs) },
          baselineReadHtml: html,
          exports: Object.fromEntries(Object.entries(exports).map(([f, m]) => [f, { ...m, ratioToHtml: round(m.medianMs / html.medianMs) }])),
          libreOfficeDocxToPdfMs: libreOfficePdfMs,
        },
        null,
        2,
      ),
    );
  } finally {
    await atelier.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
