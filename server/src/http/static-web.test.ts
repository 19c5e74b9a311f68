import { mkdtemp, mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { beforeAll, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../../test/harness.js";

const PAGE = "<!doctype html><title>Atelier</title>";
const SCRIPT = "console.log('atelier');\n".repeat(100);
let server: TestServer;

beforeAll(async () => {
  const dist = await mkdtemp(path.join(os.tmpdir(), "atelier-dist-"));
  await mkdir(path.join(dist, "assets"));
  await writeFile(path.join(dist, "index.html"), PAGE);
  await writeFile(path.join(dist, "assets", "app-abc123.js"), SCRIPT);
  await writeFile(path.join(dist, "assets", "app-abc123.js.gz"), gzipSync(SCRIPT));
  server = await startTestServer({ WEB_DIST: dist });
});

const get = (url: string, headers: Record<string, string> = {}) => server.client().raw("GET", url, { headers });

it("serves a page address of the app (a browser navigating) with the HTML page", async () => {
  const res = await get("/espaces/grand-sud", { accept: "text/html,application/xhtml+xml,*/*;q=0.8" });
  expect(res.status).toBe(200);
  expect(await res.text()).toBe(PAGE);
});

it("answers 404, not the HTML page, for a missing icon, script or font", async () => {
  for (const url of ["/dsfr/icons/editor/fr--bold.svg", "/assets/missing.js", "/dsfr/fonts/Marianne-Bold.woff2"]) {
    const res = await get(url, { accept: "text/html,*/*" });
    expect(res.status, url).toBe(404);
    expect(res.headers.get("content-type"), url).not.toContain("text/html");
  }
  // Without text/html in Accept (a script, an image, a fetch), an address without extension is no page either.
  expect((await get("/espaces", { accept: "*/*" })).status).toBe(404);
});

it("answers a JSON 404 for an /api address no route knows, even to a browser", async () => {
  for (const accept of ["application/json", "text/html"]) {
    const res = await get("/api/anything", { accept });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: "unknown_route", message: "Cette adresse n'existe pas." } });
  }
});

it("sends a precompressed file with its encoding, Vary and a long cache for hashed assets", async () => {
  const res = await get("/assets/app-abc123.js", { "accept-encoding": "gzip" });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-encoding")).toBe("gzip");
  expect(res.headers.get("vary")).toContain("Accept-Encoding");
  expect(res.headers.get("cache-control")).toContain("immutable");
  expect(await res.text()).toBe(SCRIPT); // fetch decodes it
});

it("compresses the API's JSON answers", async () => {
  const res = await get("/api/health", { "accept-encoding": "gzip" });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-encoding")).toBe("gzip");
});
