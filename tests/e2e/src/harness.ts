/**
 * A real Atelier (API and built web app) on a free port over a fresh embedded database with the
 * demo programme, and Chromium pages that record every console error, every missing or mis-served
 * asset, and every serious accessibility violation (axe-core) of the pages and states they visit.
 */
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { loadConfig } from "@atelier/server/src/config.js";
import { mailsTo } from "@atelier/server/src/mail/test-outbox.js";
import { DEMO_PASSWORD } from "@atelier/server/src/seed/demo.js";
import { startServer, type Running } from "@atelier/server/src/server.js";
import type { TestServer } from "@atelier/server/test/harness.js";
import { chromium, type Browser, type BrowserContext, type Locator, type Page, type Request, type Response } from "playwright-core";
import { afterAll, expect, inject, onTestFinished } from "vitest";

export { DEMO_PASSWORD };

const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export interface App extends Running {
  dataDir: string;
  spaceId(slug: string): Promise<string>;
  /** The text of the last mail sent to this address (read from DATA_DIR/outbox). */
  lastMailTo(email: string): Promise<string>;
}

/** `webDist`: the built web app to serve (by default the one build-web.ts made for every file); `env`: more configuration. */
export async function startApp(webDist: string = inject("webDist"), env: Record<string, string> = {}): Promise<App> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "atelier-e2e-"));
  const config = loadConfig({
    NODE_ENV: "test",
    PORT: "0",
    HOST: "127.0.0.1",
    DATA_DIR: dataDir,
    WEB_DIST: webDist,
    SEED_DEMO: "true",
    LOG_LEVEL: "silent",
    ...env,
  });
  const running = await startServer(config);
  // The public URL was computed from PORT=0: mails must link to, and requests come from, the real port.
  config.publicUrl = running.url;
  config.allowedOrigins.push(running.url);
  const app: App = {
    ...running,
    dataDir,
    async spaceId(slug) {
      const [row] = await running.services.db.query<{ id: string }>("SELECT id FROM spaces WHERE slug = $1", [slug]);
      if (!row) throw new Error(`no space ${slug}`);
      return row.id;
    },
    async lastMailTo(email) {
      // mailsTo only reads the outbox of the running services.
      const mails = await mailsTo({ services: running.services } as TestServer, email);
      if (mails.length === 0) throw new Error(`no mail to ${email}`);
      return mails.at(-1)!.text;
    },
    async close() {
      await running.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  afterAll(() => app.close());
  return app;
}

/** API answers the app expects (401 before login, 403 on a forbidden space) are logged by Chromium as
 * failed resources; they are not errors of the app. Anything else on the console is. */
const EXPECTED_HTTP = /^Failed to load resource: the server responded with a status of 4\d\d/;

/** Resources that must never come back as the app's HTML page (a missing file served as index.html). */
const ASSET_TYPES = new Set(["stylesheet", "script", "font", "image", "media", "manifest", "texttrack"]);
const ASSET_EXTENSION = /\.(css|js|mjs|svg|png|jpe?g|gif|webp|ico|woff2?|ttf|otf|webmanifest|json|map)$/i;

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const IDLE_BOUND_MS = 10_000;
const FAILING_IMPACTS = new Set(["serious", "critical"]);

export interface Browsing {
  page: Page;
  errors: string[];
}

/** Watches one page: console errors, broken responses, and an axe-core audit of each state it shows. */
class PageWatch {
  private readonly pending = new Set<Promise<unknown>>();
  private readonly seen = new Set<string>();
  private readonly inFlight = new Set<Request>();
  /** axe-core runs one audit at a time in a page: audits are queued. */
  private audits: Promise<void> = Promise.resolve();
  private idleWaiters: (() => void)[] = [];
  /** Where this page's DOM is copied to be audited, when it runs no script. */
  private copy: Promise<Page> | null = null;

  constructor(
    readonly page: Page,
    readonly errors: string[],
    /** For a page that runs no script (where axe cannot run): a page that can, to audit a copy of its DOM in. */
    private readonly auditCopyIn: (() => Promise<Page>) | null = null,
  ) {
    page.on("console", (msg) => {
      if (msg.type() === "error" && !EXPECTED_HTTP.test(msg.text())) errors.push(msg.text());
    });
    page.on("pageerror", (err) => errors.push(`page error: ${err.message}`));
    page.on("response", (res) => this.track(this.checkResponse(res)));
    page.on("request", (r) => this.inFlight.add(r));
    page.on("requestfinished", (r) => this.requestDone(r));
    page.on("requestfailed", (r) => this.requestDone(r));
    // Each page load and each client-side navigation is audited once the page is idle.
    page.on("framenavigated", (frame) => {
      if (frame === page.mainFrame()) this.track(this.audit());
    });
  }

  private track(p: Promise<unknown>) {
    p = p.catch((err: unknown) => this.errors.push(`harness: ${String(err)}`));
    this.pending.add(p);
    void p.finally(() => this.pending.delete(p));
  }

  private requestDone(r: Request) {
    this.inFlight.delete(r);
    if (this.inFlight.size === 0) for (const wake of this.idleWaiters.splice(0)) wake();
  }

  private async checkResponse(res: Response) {
    const url = new URL(res.url());
    if (!url.protocol.startsWith("http")) return;
    const status = res.status();
    const type = res.request().resourceType();
    const isApi = url.pathname.startsWith("/api/");
    const where = `${res.request().method()} ${url.pathname}${url.search}`;
    if (status >= 500) this.errors.push(`${status} on ${where}`);
    const contentType = res.headers()["content-type"] ?? "";
    if (contentType.includes("text/html") && (isApi || ASSET_TYPES.has(type) || ASSET_EXTENSION.test(url.pathname))) {
      this.errors.push(`HTML page served for ${type} ${where}`);
    }
    if (status !== 404) return;
    // A JSON 404 from the API about a thing that does not (or no longer) exist is an answer the app shows;
    // an address that no route knows, or any other missing file, is a defect.
    if (isApi && contentType.includes("application/json")) {
      const body = (await res.json().catch(() => null)) as { error?: { code?: string } } | null;
      if (body?.error?.code !== "unknown_route") return;
    }
    this.errors.push(`404 on ${where}`);
  }

  /** Resolves when no request of the page is under way (WebSockets do not count). A request Chromium never
   * reports as ended (a redirect hop, a page torn down) would keep it waiting: after IDLE_BOUND_MS the page
   * is audited as it is. The bound only decides when to look, never whether a test passes. */
  private async idle() {
    await this.page.waitForLoadState("load");
    const bound = new Promise<void>((wake) => setTimeout(wake, IDLE_BOUND_MS));
    if (this.inFlight.size > 0) await Promise.race([new Promise<void>((wake) => this.idleWaiters.push(wake)), bound]);
    // Let React commit what the last answers changed before looking (no timers run in a page without script).
    if (!this.auditCopyIn) await this.page.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0))));
  }

  /** Runs axe-core on the page once idle; violations of impact serious or critical are errors. */
  audit() {
    this.audits = this.audits.then(() => this.auditNow());
    return this.audits;
  }

  /** The page itself, or for a page without script a copy of its DOM (its styles loaded from the same address). */
  private async auditedPage(): Promise<Page> {
    if (!this.auditCopyIn) return this.page;
    const copy = await (this.copy ??= this.auditCopyIn());
    const html = (await this.page.content()).replace(/<head([^>]*)>/i, `<head$1><base href="${this.page.url()}">`);
    await copy.setContent(html, { waitUntil: "load" });
    return copy;
  }

  private async auditNow() {
    try {
      await this.idle();
      // A page not yet sent anywhere (about:blank) is nobody's page; a JSON or a file opened in the tab is not a page.
      if (!this.page.url().startsWith("http")) return;
      if ((await this.page.evaluate(() => document.contentType)) !== "text/html") return;
      const audited = await this.auditedPage();
      // A copy is a new document each time: axe goes in again.
      const hasAxe = audited === this.page && (await audited.evaluate(() => "axe" in window));
      if (!hasAxe) await audited.evaluate(AXE_SOURCE);
      const violations = await audited.evaluate(async () => {
        const axe = (window as unknown as { axe: typeof import("axe-core") }).axe;
        const result = await axe.run(document, { resultTypes: ["violations"] });
        return result.violations.map((v) => ({
          id: v.id,
          impact: v.impact ?? "",
          help: v.help,
          targets: v.nodes.map((n) => n.target.join(" ")),
        }));
      });
      const path = new URL(this.page.url()).pathname;
      for (const v of violations) {
        if (!FAILING_IMPACTS.has(v.impact)) continue;
        const line = `axe ${v.impact} ${v.id} on ${path}: ${v.help} (${v.targets.slice(0, 5).join(", ")})`;
        if (this.seen.has(line)) continue;
        this.seen.add(line);
        this.errors.push(line);
      }
    } catch (err) {
      // The page navigated or closed while being audited: its next state is audited in turn.
      if (this.page.isClosed() || /context was destroyed|navigat|Target .*closed/i.test(String(err))) return;
      throw err;
    }
  }

  /** The final state is audited, and every check still under way is finished. */
  async finish() {
    if (!this.page.isClosed()) this.track(this.audit());
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }
}

/** One browser for the file; a fresh context (no cookies) and page per test, checked for console errors,
 * missing or mis-served assets, and accessibility (axe-core) on every page and state it visits. */
export type Browse = (options?: { javaScriptEnabled?: boolean; ignoreHTTPSErrors?: boolean }) => Promise<Browsing>;

export async function openBrowser(): Promise<Browse> {
  const browser: Browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: CHROMIUM_FLAGS,
  });
  afterAll(() => browser.close());
  // `javaScriptEnabled: false`: a visitor whose browser runs no script (the public site works without).
  // `ignoreHTTPSErrors`: the topology's self-signed certificate, accepted as a person would once.
  return async ({ javaScriptEnabled = true, ignoreHTTPSErrors = false }: { javaScriptEnabled?: boolean; ignoreHTTPSErrors?: boolean } = {}) => {
    const context = await browser.newContext({ locale: "fr-FR", javaScriptEnabled, ignoreHTTPSErrors });
    // No fades: axe measures contrast as a person sees the page once still, not halfway through an opening modal.
    await context.addInitScript(() => {
      const style = document.createElement("style");
      style.textContent = "*, *::before, *::after { transition: none !important; animation: none !important; }";
      document.addEventListener("DOMContentLoaded", () => document.head.appendChild(style));
    });
    const errors: string[] = [];
    const watches: PageWatch[] = [];
    // Without script, pages are audited as copies in pages that run axe (a context of their own, made when needed).
    let auditors: Promise<BrowserContext> | null = null;
    const auditCopyIn = javaScriptEnabled ? null : async () => (await (auditors ??= browser.newContext({ locale: "fr-FR" }))).newPage();
    // Pages the app opens itself (a new tab) are watched like the first.
    context.on("page", (p) => watches.push(new PageWatch(p, errors, auditCopyIn)));
    // Checked when the test that opened it ends (a hook of that test: openBrowser itself runs in beforeAll,
    // where an afterEach would never be registered).
    onTestFinished(async () => {
      for (const w of watches) await w.finish();
      await context.close();
      if (auditors) await (await auditors).close();
      expect(errors, "console errors, broken assets, accessibility").toEqual([]);
    });
    const page = await context.newPage();
    return { page, errors };
  };
}

/** Logs in through the login page, as a person would. */
export async function logIn(page: Page, base: string, email: string, password = DEMO_PASSWORD, path = "/espaces") {
  await page.goto(base + path);
  await page.getByLabel("Adresse électronique").fill(email);
  await page.getByLabel("Mot de passe", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Se connecter" }).click();
}

/** The name assistive technologies give an element, as Chromium computes it (the first line of its ARIA snapshot). */
export async function accessibleName(element: Locator): Promise<string> {
  const snapshot = await element.ariaSnapshot();
  const quoted = /^- \w+ (".*?(?<!\\)")/.exec(snapshot)?.[1];
  return quoted ? (JSON.parse(quoted) as string) : "";
}

/** Screenshots for a developer to look at the pages (SCREENSHOTS=folder). */
export async function screenshot(page: Page, name: string) {
  const dir = process.env.SCREENSHOTS;
  if (dir) await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

/** A new page, logged in through the login form as a person would, and opened on `path`. */
export async function openAs(browse: () => Promise<Browsing>, base: string, email: string, path = "/espaces"): Promise<Browsing> {
  const b = await browse();
  await logIn(b.page, base, email, undefined, path);
  await b.page.waitForURL(base + path);
  return b;
}
