/**
 * Resumable uploads in the library, through a TCP proxy that drops the network in the middle of
 * an upload (real broken connections, not an emulation): the page waits, asks the server how far
 * it got and sends only the rest. Also: cancelling, resuming after a reload, new versions.
 */
import { createHash, randomBytes } from "node:crypto";
import { readdir, writeFile } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { beforeAll, expect, test } from "vitest";
import { openAs, openBrowser, screenshot, startApp, type App, type Browsing } from "./harness.js";

const MB = 1024 * 1024;
/** How long the network stays down after the cut: the page's first retry, after 1 s, fails too. */
const OUTAGE_MS = 1500;

interface Proxy {
  url: string;
  /** Bytes of PATCH bodies passed on to the app. */
  patchBytes: number;
  /** Cut the connection of the PATCH during which the PATCH bytes passed on reach this total. */
  cutAt?: number;
  cuts: number;
  /** Until then, after the cut, new connections are dropped as soon as they open. */
  downUntil: number;
  close(): void;
}

/**
 * Forwards every connection to the app, reading the requests that go through (HTTP/1.1, bodies
 * with a Content-Length) to count PATCH bodies. Once, in the middle of a PATCH body, the network
 * drops: both sides of that connection are destroyed, the other open connections too, and new
 * ones are refused for a moment. (A lone cut would not reach the page: Chromium silently sends a
 * request again on another kept-alive connection when its own breaks before any answer.)
 * Reads at the pace the app takes the bytes, as a real network would.
 */
async function startProxy(target: string): Promise<Proxy> {
  const { hostname, port } = new URL(target);
  const proxy: Proxy = {
    url: "",
    patchBytes: 0,
    cuts: 0,
    downUntil: 0,
    close() {
      server.close();
      for (const s of sockets) s.destroy();
    },
  };
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    if (Date.now() < proxy.downUntil) return client.resetAndDestroy();
    const upstream = net.connect(Number(port), hostname);
    sockets.add(client).add(upstream);
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on("error", end).on("close", end);
    upstream.on("error", end).on("close", end);
    upstream.pipe(client);

    // The request being read: its head until the blank line, then `left` bytes of body.
    let head = Buffer.alloc(0);
    let method = "";
    let left = 0;
    client.on("data", (chunk: Buffer) => {
      for (let i = 0; i < chunk.length; ) {
        if (left === 0) {
          const before = head.length;
          head = Buffer.concat([head, chunk.subarray(i)]);
          const blank = head.indexOf("\r\n\r\n");
          if (blank < 0) break;
          const text = head.subarray(0, blank).toString("latin1");
          i += blank + 4 - before;
          head = Buffer.alloc(0);
          method = text.slice(0, text.indexOf(" "));
          left = Number(/\r\ncontent-length:\s*(\d+)/i.exec(text)?.[1] ?? 0);
          continue;
        }
        const n = Math.min(left, chunk.length - i);
        if (method === "PATCH") {
          if (proxy.cutAt !== undefined && proxy.patchBytes + n >= proxy.cutAt) {
            const kept = proxy.cutAt - proxy.patchBytes;
            proxy.patchBytes += kept;
            proxy.cutAt = undefined;
            proxy.cuts++;
            proxy.downUntil = Date.now() + OUTAGE_MS;
            client.pause();
            upstream.write(chunk.subarray(0, i + kept), () => {
              for (const s of sockets) s.destroy();
              sockets.clear();
            });
            return;
          }
          proxy.patchBytes += n;
        }
        left -= n;
        i += n;
      }
      if (!upstream.write(chunk)) {
        client.pause();
        upstream.once("drain", () => client.resume());
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  return proxy;
}

let app: App;
let browse: () => Promise<Browsing>;
let proxy: Proxy;
let grandSud: string;
beforeAll(async () => {
  app = await startApp();
  browse = await openBrowser();
  proxy = await startProxy(app.url);
  // The page is served by the proxy: its requests carry the proxy's origin.
  app.services.config.allowedOrigins.push(proxy.url);
  grandSud = await app.spaceId("grand-sud");
  return () => proxy.close();
});

const library = () => `/espaces/${grandSud}/documents-ressources`;
const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

/** A file of random bytes on disk, for the file input to pick as a person would. */
async function fileOf(name: string, size: number) {
  const bytes = randomBytes(size);
  const file = path.join(app.dataDir, name);
  await writeFile(file, bytes);
  return { file, name, size, sha256: sha256(bytes) };
}

/** The partner's page on the Grand-Sud library, through the proxy. */
async function openLibrary(): Promise<Browsing> {
  const b = await openAs(browse, proxy.url, "partenaire@atelier.test", library());
  await b.page.getByRole("heading", { level: 1, name: "Documents ressources" }).waitFor();
  return b;
}

/** The part size the server asks for, from a session opened and cancelled by hand. */
async function partSize({ page }: Browsing): Promise<number> {
  const headers = { origin: proxy.url };
  const created = await page.request.post(`${proxy.url}/api/spaces/${grandSud}/uploads`, { headers, data: { name: "essai.bin", size: 1 } });
  expect(created.status()).toBe(201);
  const { upload } = (await created.json()) as { upload: { id: string; partSize: number } };
  expect((await page.request.delete(`${proxy.url}/api/uploads/${upload.id}`, { headers })).status()).toBe(204);
  return upload.partSize;
}

/** The library as the API gives it to the partner. */
async function listed({ page }: Browsing, name: string) {
  const res = await page.request.get(`${proxy.url}/api/spaces/${grandSud}/files`);
  const { files } = (await res.json()) as { files: { id: string; originalName: string; size: number }[] };
  return files.filter((f) => f.originalName === name);
}

/** The network cuts made on purpose are logged by Chromium as failed loads: they are expected here. */
/** The cut's own errors: Chromium names them by what the socket was doing when the proxy closed it. */
function forgiveCuts({ errors }: Browsing) {
  const rest = errors.filter((e) => !/^Failed to load resource: net::ERR_(CONNECTION_RESET|CONNECTION_CLOSED|EMPTY_RESPONSE|SOCKET_NOT_CONNECTED)/.test(e));
  errors.splice(0, errors.length, ...rest);
}

test("an upload cut midway by the network resumes by itself from where the server got to", async () => {
  const b = await openLibrary();
  const { page } = b;
  const part = await partSize(b);
  const sent = await fileOf("releve-des-capteurs.bin", 40 * MB);
  // The cut falls in the middle of the third part: the server holds two whole parts at most.
  proxy.patchBytes = 0;
  proxy.cutAt = Math.floor(2.5 * part);

  await page.getByLabel("Choisir des fichiers").setInputFiles(sent.file);
  const item = page.getByTestId("envoi").filter({ hasText: sent.name });
  await item.getByText("Connexion interrompue : l'envoi reprendra automatiquement.").waitFor({ timeout: 20_000 });
  await expect.poll(() => page.getByTestId("annonces").textContent()).toContain("Connexion interrompue");
  await screenshot(page, "envoi-interrompu");
  expect(await item.getByRole("progressbar", { name: `Envoi de ${sent.name}` }).count()).toBe(1);

  await item.getByText("Envoyé", { exact: true }).waitFor({ timeout: 60_000 });
  await page.getByRole("button", { name: `Modifier les informations de ${sent.name}` }).waitFor();
  expect(proxy.cuts).toBe(1);
  // Everything went through once, plus what the cut lost: not the whole file again.
  expect(proxy.patchBytes).toBeGreaterThanOrEqual(sent.size);
  expect(proxy.patchBytes).toBeLessThan(sent.size + 2 * part);

  await expect.poll(() => page.getByTestId("documents").textContent()).toContain("releve-des-capteurs");
  const [file] = await listed(b, sent.name);
  expect(file?.size).toBe(sent.size);
  const download = await page.request.get(`${proxy.url}/api/files/${file!.id}/download`);
  expect(download.status()).toBe(200);
  expect(sha256(await download.body())).toBe(sent.sha256);
  forgiveCuts(b);
});

test("a partner cancels an upload midway: nothing is kept", async () => {
  const b = await openLibrary();
  const { page } = b;
  const multipart = path.join(app.dataDir, "files", ".multipart");
  const sent = await fileOf("a-annuler.bin", 12 * MB);
  // A slow uplink, to cancel while the bytes are on their way.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 2 * MB });
  const created = page.waitForResponse((r) => r.request().method() === "POST" && r.url().endsWith(`/spaces/${grandSud}/uploads`));

  await page.getByLabel("Choisir des fichiers").setInputFiles(sent.file);
  const { upload } = (await (await created).json()) as { upload: { id: string } };
  const bar = page.getByRole("progressbar", { name: `Envoi de ${sent.name}` });
  await expect.poll(async () => Number(await bar.getAttribute("value")), { timeout: 10_000 }).toBeGreaterThan(0);
  await page.getByRole("button", { name: `Annuler l'envoi de ${sent.name}` }).click();
  await page.getByTestId("envoi").filter({ hasText: sent.name }).getByText("Envoi annulé.").waitFor();
  await expect.poll(() => page.getByTestId("annonces").textContent()).toContain("Envoi annulé.");

  // The session is gone with its parts, and the library has no such file.
  await expect.poll(async () => (await page.request.get(`${proxy.url}/api/uploads/${upload.id}`)).status()).toBe(404);
  await expect.poll(async () => (await readdir(multipart)).length).toBe(0);
  expect(await listed(b, sent.name)).toEqual([]);
  await page.reload();
  await page.getByTestId("documents").or(page.getByText("Aucun document ne correspond.")).waitFor();
  expect(await page.locator("main").innerText()).not.toContain(sent.name);
});

test("after a reload, the same file picked again takes up where its upload stopped", async () => {
  const b = await openLibrary();
  const { page } = b;
  const part = await partSize(b);
  const sent = await fileOf("enquete-terrain.bin", 3 * part);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 4 * MB });
  proxy.patchBytes = 0;

  await page.getByLabel("Choisir des fichiers").setInputFiles(sent.file);
  const bar = page.getByRole("progressbar", { name: `Envoi de ${sent.name}` });
  // Half the file sent: the server holds a third of it at least.
  await expect.poll(async () => Number(await bar.getAttribute("value")), { timeout: 20_000 }).toBeGreaterThan(1.5 * part);
  await page.reload();
  await page.getByRole("heading", { level: 1, name: "Documents ressources" }).waitFor();
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });

  await page.getByLabel("Choisir des fichiers").setInputFiles(sent.file);
  const item = page.getByTestId("envoi").filter({ hasText: sent.name });
  const resumed = item.getByText(/^Reprise de l'envoi à \d+ %\.$/);
  await resumed.waitFor();
  expect(Number(/(\d+) %/.exec((await resumed.textContent())!)![1])).toBeGreaterThanOrEqual(33);
  await item.getByText("Envoyé", { exact: true }).waitFor({ timeout: 30_000 });
  expect(proxy.patchBytes).toBeLessThan(sent.size + 2 * part);

  const [file] = await listed(b, sent.name);
  expect(file?.size).toBe(sent.size);
  expect(sha256(await (await page.request.get(`${proxy.url}/api/files/${file!.id}/download`)).body())).toBe(sent.sha256);
});

test("a new version of a file goes the same way", async () => {
  const b = await openLibrary();
  const { page } = b;
  const sent = await fileOf("enquete-terrain-v2.bin", 3 * MB);
  await page.getByTestId("documents").getByRole("button", { name: "enquete-terrain" }).click();
  const panel = page.getByTestId("fiche-fichier");
  await panel.getByLabel("Déposer une nouvelle version").setInputFiles(sent.file);
  await expect.poll(() => page.getByTestId("annonces").textContent(), { timeout: 20_000 }).toContain("Nouvelle version enregistrée.");
  await expect.poll(() => panel.getByTestId("versions").textContent()).toContain(`Version 2 — ${sent.name}`);

  const [file] = await listed(b, sent.name);
  expect(file?.size).toBe(sent.size);
  expect(sha256(await (await page.request.get(`${proxy.url}/api/files/${file!.id}/download`)).body())).toBe(sent.sha256);
});
