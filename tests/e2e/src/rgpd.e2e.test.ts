/**
 * My data (RGPD): a member signs in, opens their account page from the header and downloads what
 * Atelier holds about them: a ZIP holding one JSON file with their account.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { beforeAll, expect, test } from "vitest";
import { logIn, openBrowser, screenshot, startApp, type App, type Browsing } from "./harness.js";

let app: App;
let browse: () => Promise<Browsing>;
beforeAll(async () => {
  app = await startApp();
  browse = await openBrowser();
});

test("a member downloads their data from the account page", async () => {
  const { page } = await browse();
  await logIn(page, app.url, "membre.grand-sud@atelier.test");
  await page.getByRole("link", { name: "Marie Membre", exact: true }).first().click();
  await page.getByRole("heading", { level: 2, name: "Mes données" }).waitFor();
  await screenshot(page, "mes-donnees");
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Télécharger mes données" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("mes-donnees-atelier.zip");
  // Read with Debian's unzip, as the person would open it.
  const zip = (await download.path())!;
  const run = promisify(execFile);
  expect((await run("unzip", ["-Z1", zip])).stdout.trim()).toBe("mes-donnees-atelier.json");
  const data = JSON.parse((await run("unzip", ["-p", zip, "mes-donnees-atelier.json"])).stdout);
  expect(data.account).toMatchObject({ email: "membre.grand-sud@atelier.test", firstName: "Marie" });
  expect(data.memberships.map((m: { slug: string }) => m.slug)).toContain("grand-sud");
});
