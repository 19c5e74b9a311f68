/**
 * Page-weight benchmark: bytes transferred and time until usable of the login, space and editor pages,
 * in Chromium with its network emulation (CDP Network.emulateNetworkConditions) at 1.6 Mbit/s / 150 ms
 * and 10 Mbit/s / 40 ms, from an empty cache. The baseline of the same run is the same pages with
 * compression refused (every request says Accept-Encoding: identity).
 *
 *   pnpm --filter @atelier/bench bench:pages        (PAGES_BENCH_RUNS=3 loads per case, median kept;
 *                                                   PAGES_BENCH_ONLY=connexion,espace: only these pages)
 *
 * The web app is built into a temporary folder and served by Atelier in its own process with the demo
 * programme; the space and editor pages are opened logged in as the demo membre of Grand-Sud.
 * Writes tests/bench/out/pages-<time>.json.
 */
import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { freePort, REPO, signIn, spawnReady, stopChild } from "../collab/servers.js";

const RUNS = Number(process.env.PAGES_BENCH_RUNS ?? 3);
const ONLY = process.env.PAGES_BENCH_ONLY?.split(",");
const LINKS = [
  { name: "1,6 Mbit/s, 150 ms", mbps: 1.6, latencyMs: 150 },
  { name: "10 Mbit/s, 40 ms", mbps: 10, latencyMs: 40 },
];
const ENCODINGS = [
  { name: "compressé", identity: false },
  { name: "sans compression", identity: true },
];

interface PageCase {
  name: string;
  loggedIn: boolean;
  path(ids: Ids): string;
  /** Resolves when a person can use the page: its form or its content is there and can be acted on. */
  usable(page: Page): Promise<void>;
}

interface Ids {
  spaceId: string;
  documentId: string;
}

const PAGES: PageCase[] = [
  {
    name: "connexion",
    loggedIn: false,
    path: () => "/connexion",
    async usable(page) {
      await page.getByLabel("Adresse électronique").waitFor();
      await page.getByRole("button", { name: "Se connecter" }).waitFor();
    },
  },
  {
    name: "espace",
    loggedIn: true,
    path: (ids) => `/espaces/${ids.spaceId}`,
    async usable(page) {
      await page.getByTestId("documents").getByRole("link").first().waitFor();
    },
  },
  {
    name: "éditeur",
    loggedIn: true,
    path: (ids) => `/documents/${ids.documentId}`,
    async usable(page) {
      // Editable, with the document's text received over the collaboration socket.
      await page.locator('[contenteditable="true"][aria-label^="Texte du document"] h2').first().waitFor();
    },
  },
];

interface Load {
  bytes: number;
  requests: number;
  usableMs: number;
  /** Response encodings seen (to check that the baseline really was uncompressed). */
  encodings: string[];
  /** Bytes per address, heaviest first. */
  resources: { url: string; bytes: number }[];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** One load from an empty cache: bytes received on the wire (headers included) until the page is
 * usable and quiet, and the time from navigation to usable. */
async function load(context: BrowserContext, url: string, pageCase: PageCase, link: (typeof LINKS)[number], identity: boolean): Promise<Load> {
  const page = await context.newPage();
  // Only the emulated link should bound a load; a loaded machine may make it slow.
  page.setDefaultTimeout(180_000);
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  const bytesPerSecond = (link.mbps * 1_000_000) / 8;
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: link.latencyMs,
    downloadThroughput: bytesPerSecond,
    uploadThroughput: bytesPerSecond,
  });
  if (identity) await cdp.send("Network.setExtraHTTPHeaders", { headers: { "Accept-Encoding": "identity" } });
  let bytes = 0;
  let requests = 0;
  let lastActivity = Date.now();
  const inFlight = new Map<string, string>();
  const resources: { url: string; bytes: number }[] = [];
  const encodings = new Set<string>();
  cdp.on("Network.requestWillBeSent", (e) => {
    inFlight.set(e.requestId, new URL(e.request.url).pathname);
    lastActivity = Date.now();
  });
  cdp.on("Network.responseReceived", (e) => {
    const headers = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), v]));
    encodings.add(headers["content-encoding"] ?? "identity");
  });
  cdp.on("Network.loadingFinished", (e) => {
    const address = inFlight.get(e.requestId);
    if (address === undefined) return;
    inFlight.delete(e.requestId);
    resources.push({ url: address, bytes: e.encodedDataLength });
    bytes += e.encodedDataLength;
    requests++;
    lastActivity = Date.now();
  });
  cdp.on("Network.loadingFailed", (e) => inFlight.delete(e.requestId));
  const start = Date.now();
  await page.goto(url, { waitUntil: "commit" });
  await pageCase.usable(page);
  const usableMs = Date.now() - start;
  // Quiet: nothing under way for a second (fonts and lazy chunks asked for after the first paint count).
  while (inFlight.size > 0 || Date.now() - lastActivity < 1000) await new Promise((r) => setTimeout(r, 100));
  await page.close();
  resources.sort((a, b) => b.bytes - a.bytes);
  return { bytes, requests, usableMs, encodings: [...encodings].sort(), resources };
}

async function main() {
  const outDir = path.join(REPO, "tests/bench/out");
  await mkdir(outDir, { recursive: true });
  const webDist = await mkdtemp(path.join(os.tmpdir(), "atelier-bench-web-"));
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "atelier-bench-pages-"));
  console.log("construction de l'application web…");
  execFileSync(process.execPath, [path.join(REPO, "web/node_modules/vite/bin/vite.js"), "build", "--outDir", webDist, "--emptyOutDir", "--logLevel", "warn"], {
    cwd: path.join(REPO, "web"),
    stdio: "inherit",
  });
  const port = await freePort();
  const server = await spawnReady(
    ["--import", "tsx", path.join(REPO, "server/src/main.ts")],
    { PORT: String(port), HOST: "127.0.0.1", PUBLIC_URL: `http://127.0.0.1:${port}`, DATA_DIR: dataDir, SEED_DEMO: "true", WEB_DIST: webDist, LOG_LEVEL: "warn" },
    /Atelier est prêt/,
    undefined,
    // A fresh embedded database seeded with the demo takes a few seconds, minutes on a loaded machine.
    300_000,
  );
  const base = `http://127.0.0.1:${port}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  try {
    const { cookie, spaceId } = await signIn(base, base);
    const docs = (await (await fetch(`${base}/api/spaces/${spaceId}/documents`, { headers: { cookie } })).json()) as { documents: { id: string; kind: string }[] };
    const ids: Ids = { spaceId, documentId: docs.documents.find((d) => d.kind === "livrable")?.id ?? docs.documents[0]!.id };
    const [name, value] = cookie.split("=") as [string, string];
    const results = [];
    for (const link of LINKS) {
      for (const pageCase of PAGES.filter((p) => !ONLY || ONLY.includes(p.name))) {
        const row: Record<string, Omit<Load, "resources"> & { runs: Load[] }> = {};
        for (const encoding of ENCODINGS) {
          const runs: Load[] = [];
          for (let i = 0; i < RUNS; i++) {
            const context = await browser.newContext({ locale: "fr-FR" });
            if (pageCase.loggedIn) await context.addCookies([{ name, value, url: base }]);
            runs.push(await load(context, base + pageCase.path(ids), pageCase, link, encoding.identity));
            await context.close();
          }
          row[encoding.name] = {
            bytes: median(runs.map((r) => r.bytes)),
            requests: median(runs.map((r) => r.requests)),
            usableMs: median(runs.map((r) => r.usableMs)),
            encodings: [...new Set(runs.flatMap((r) => r.encodings))],
            runs,
          };
        }
        const c = row["compressé"]!;
        const id = row["sans compression"]!;
        results.push({ link: link.name, page: pageCase.name, compressed: c, identity: id });
        const heaviest = c.runs[0]!.resources.slice(0, 8).map((r) => `${r.url} ${(r.bytes / 1000).toFixed(1)}`);
        console.log(`  les plus lourds (ko, compressé) : ${heaviest.join(", ")}`);
        console.log(
          `${link.name} · ${pageCase.name} : ${(c.bytes / 1000).toFixed(0)} ko en ${c.usableMs} ms (${c.requests} requêtes, ${c.encodings.join("/")}) ; ` +
            `sans compression ${(id.bytes / 1000).toFixed(0)} ko en ${id.usableMs} ms (${id.encodings.join("/")}) ; ` +
            `rapports ${(c.bytes / id.bytes).toFixed(2)} (octets), ${(c.usableMs / id.usableMs).toFixed(2)} (temps)`,
        );
      }
    }
    const file = path.join(outDir, `pages-${Date.now()}.json`);
    // Times depend on the machine's load as much as on the link: it is written beside them.
    const loadAverage = os.loadavg()[1] ?? 0;
    await writeFile(file, JSON.stringify({ runs: RUNS, node: process.version, chromium: browser.version(), loadAverage, results }, null, 2));
    console.log(`charge moyenne de la machine (5 min) : ${loadAverage.toFixed(1)}`);
    console.log(`résultats : ${file}`);
  } finally {
    await browser.close();
    await stopChild(server);
    await rm(webDist, { recursive: true, force: true });
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
