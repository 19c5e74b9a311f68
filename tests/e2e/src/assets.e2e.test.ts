/**
 * The asset pipeline, checked on the built web app served by the real server: every file the pages
 * reference — the links and scripts of index.html, every url() of every stylesheet of the build (icons,
 * fonts, images), and the chunks the scripts import — is requested and must come back whole: 200, the
 * content type of its kind, and not the app's HTML page.
 */
import { cp, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { startApp, type App } from "./harness.js";

/** The content type each kind of file must be served with. */
const CONTENT_TYPES: Record<string, RegExp> = {
  ".css": /^text\/css/,
  ".js": /^(text|application)\/javascript/,
  ".svg": /^image\/svg\+xml/,
  ".png": /^image\/png/,
  ".ico": /^image\/(x-icon|vnd\.microsoft\.icon)/,
  ".woff2": /^font\/woff2/,
  ".woff": /^font\/woff/,
  ".webmanifest": /^application\/manifest\+json/,
};

const HTML_REFERENCE = /<(?:link|script)\b[^>]*?\s(?:href|src)="([^"]+)"/g;
const CSS_URL = /url\(\s*(["']?)([^"')]+)\1\s*\)/g;
/** What a built chunk imports: `from"./x.js"`, `import("./x.js")`, and the preload list's "assets/x.css". */
const JS_REFERENCE = /["'](\.\/[\w.-]+\.(?:js|css)|\/?assets\/[\w.-]+\.\w+)["']/g;

/** Every address the built app references, as absolute paths of the site (query strings kept). */
async function referencedAssets(dist: string): Promise<Set<string>> {
  const found = new Set<string>();
  const add = (ref: string, from: string) => {
    if (/^(data:|#|https?:)/.test(ref)) return;
    const { pathname, search } = new URL(ref.startsWith("assets/") ? `/${ref}` : ref, `http://site${from}`);
    found.add(pathname + search);
  };
  for (const [, ref] of (await readFile(path.join(dist, "index.html"), "utf8")).matchAll(HTML_REFERENCE)) add(ref!, "/");
  const files = (await readdir(dist, { recursive: true })).map((f) => `/${f.split(path.sep).join("/")}`);
  for (const file of files.filter((f) => f.endsWith(".css"))) {
    for (const [, , ref] of (await readFile(path.join(dist, file), "utf8")).matchAll(CSS_URL)) add(ref!, file);
  }
  for (const file of files.filter((f) => f.endsWith(".js"))) {
    for (const [, ref] of (await readFile(path.join(dist, file), "utf8")).matchAll(JS_REFERENCE)) add(ref!, file);
  }
  return found;
}

/** The referenced addresses that do not come back as the file they name, each with what went wrong. */
async function brokenAssets(base: string, dist: string): Promise<{ checked: string[]; broken: string[] }> {
  const checked = [...(await referencedAssets(dist))].sort();
  const broken: string[] = [];
  for (const url of checked) {
    // As a browser asks: text/html is accepted, so a missing file answered with the app's page would show.
    const res = await fetch(base + url, { headers: { accept: "text/html,*/*;q=0.8", "accept-encoding": "br, gzip" } });
    const type = res.headers.get("content-type") ?? "";
    const body = await res.text();
    const expected = CONTENT_TYPES[path.posix.extname(new URL(url, base).pathname)];
    if (res.status !== 200) broken.push(`${url}: ${res.status}`);
    else if (type.includes("text/html") || /^\s*<!doctype html/i.test(body)) broken.push(`${url}: the HTML page`);
    else if (!expected) broken.push(`${url}: no content type known for this kind of file (${type})`);
    else if (!expected.test(type)) broken.push(`${url}: served as ${type}`);
    else if (body.length === 0) broken.push(`${url}: empty`);
  }
  return { checked, broken };
}

describe("the built web app's assets", () => {
  let app: App;
  beforeAll(async () => {
    app = await startApp();
  });

  test("every file the pages reference (scripts, stylesheets, icons, fonts, favicons) is served whole", async () => {
    const { checked, broken } = await brokenAssets(app.url, inject("webDist"));
    expect(broken).toEqual([]);
    // The walk found what the pages use: the app's DSFR stylesheet and both parts of each font (the Latin
    // subset and the whole font for other characters), the icons the app uses, the lazy chunks.
    expect(checked.some((u) => /^\/dsfr\/dsfr\.atelier-[0-9a-f]{8}\.min\.css$/.test(u))).toBe(true);
    expect(checked.some((u) => /^\/dsfr\/fonts\/Marianne-Regular\.latin-[0-9a-f]{8}\.woff2$/.test(u))).toBe(true);
    expect(checked.some((u) => /^\/dsfr\/fonts\/Marianne-Regular\.woff2/.test(u))).toBe(true);
    expect(checked.some((u) => u.startsWith("/dsfr/icons/editor/fr--bold.svg"))).toBe(true);
    expect(checked.some((u) => /^\/assets\/DocumentEditorPage-[\w-]+\.js$/.test(u))).toBe(true);
  });

  describe("on a build that lacks an icon", () => {
    let dist: string;
    let broken: App;
    beforeAll(async () => {
      dist = await mkdtemp(path.join(os.tmpdir(), "atelier-web-broken-"));
      await cp(inject("webDist"), dist, { recursive: true });
      for (const f of ["fr--bold.svg", "fr--bold.svg.br", "fr--bold.svg.gz"]) await rm(path.join(dist, "dsfr/icons/editor", f), { force: true });
      broken = await startApp(dist);
    });
    afterAll(() => rm(dist, { recursive: true, force: true }));

    test("names the missing icon", async () => {
      const result = await brokenAssets(broken.url, dist);
      expect(result.broken).toEqual([expect.stringMatching(/^\/dsfr\/icons\/editor\/fr--bold\.svg\S*: 404$/)]);
    });
  });
});
