/**
 * A real Atelier (API and built web app) on a free port over a fresh embedded database with the
 * demo programme, and a Chromium page that records every console error.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { loadConfig } from "@atelier/server/src/config.js";
import { mailsTo } from "@atelier/server/src/mail/test-outbox.js";
import { DEMO_PASSWORD } from "@atelier/server/src/seed/demo.js";
import { startServer, type Running } from "@atelier/server/src/server.js";
import type { TestServer } from "@atelier/server/test/harness.js";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, afterEach, expect, inject } from "vitest";

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

export async function startApp(): Promise<App> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "atelier-e2e-"));
  const config = loadConfig({
    NODE_ENV: "test",
    PORT: "0",
    HOST: "127.0.0.1",
    DATA_DIR: dataDir,
    WEB_DIST: inject("webDist"),
    SEED_DEMO: "true",
    LOG_LEVEL: "silent",
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

export interface Browsing {
  page: Page;
  errors: string[];
}

/** One browser for the file; a fresh context (no cookies) and page per test, checked for console errors. */
export async function openBrowser(): Promise<() => Promise<Browsing>> {
  const browser: Browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: CHROMIUM_FLAGS,
  });
  afterAll(() => browser.close());
  const open: Browsing[] = [];
  afterEach(async () => {
    const done = open.splice(0);
    for (const b of done) await b.page.context().close();
    for (const b of done) expect(b.errors, "console errors").toEqual([]);
  });
  return async () => {
    const context = await browser.newContext({ locale: "fr-FR" });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("console", (msg) => {
      if (msg.type() === "error" && !EXPECTED_HTTP.test(msg.text())) errors.push(msg.text());
    });
    page.on("pageerror", (err) => errors.push(`page error: ${err.message}`));
    page.on("response", (res) => {
      if (res.status() >= 500) errors.push(`${res.status()} on ${res.url()}`);
    });
    const browsing = { page, errors };
    open.push(browsing);
    return browsing;
  };
}

/** Logs in through the login page, as a person would. */
export async function logIn(page: Page, base: string, email: string, password = DEMO_PASSWORD, path = "/") {
  await page.goto(base + path);
  await page.getByLabel("Adresse électronique").fill(email);
  await page.getByLabel("Mot de passe", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Se connecter" }).click();
}

/** Screenshots for a developer to look at the pages (SCREENSHOTS=folder). */
export async function screenshot(page: Page, name: string) {
  const dir = process.env.SCREENSHOTS;
  if (dir) await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

/** A new page, logged in through the login form as a person would, and opened on `path`. */
export async function openAs(browse: () => Promise<Browsing>, base: string, email: string, path = "/"): Promise<Browsing> {
  const b = await browse();
  await logIn(b.page, base, email, undefined, path);
  await b.page.waitForURL(base + path);
  return b;
}
