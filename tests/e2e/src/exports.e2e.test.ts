/**
 * Taking a document away: a lecteur opens the committee's livrable, exports it as PDF from the
 * "Exporter" dialog with the keyboard, and gets a PDF holding its words; printing shows the text only.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, expect, test } from "vitest";
import { logIn, openBrowser, screenshot, startApp, type App, type Browsing } from "./harness.js";

let app: App;
let browse: () => Promise<Browsing>;
beforeAll(async () => {
  app = await startApp();
  browse = await openBrowser();
});

const GRAND_SUD = "COPIL territorial Grand-Sud";
const LIVRABLE = "Assises interrégionales Grand-Sud : la place des usagers";

test("a lecteur exports the livrable as PDF and prints its text", async () => {
  const { page } = await browse();
  await logIn(page, app.url, "lecteur.grand-sud@atelier.test");
  await page.getByTestId("mes-espaces").getByRole("link", { name: GRAND_SUD, exact: true }).click();
  await page.getByRole("heading", { level: 1, name: GRAND_SUD }).waitFor();
  await page.getByTestId("documents").getByRole("link", { name: LIVRABLE, exact: true }).click();
  await page.getByRole("heading", { level: 1, name: LIVRABLE }).waitFor();
  await page.getByRole("textbox", { name: /^Texte du document/ }).getByRole("heading", { name: "Contexte" }).waitFor();

  // The dialog, by keyboard: open, pick PDF, download.
  await page.getByRole("button", { name: "Exporter" }).focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Exporter le document" });
  await dialog.waitFor();
  await dialog.getByRole("combobox", { name: "Version" }).getByRole("option", { name: "Texte actuel" }).waitFor({ state: "attached" });
  await dialog.getByRole("radio", { name: /^PDF/ }).focus();
  await page.keyboard.press("Space");
  await expect.poll(() => dialog.getByRole("radio", { name: /^PDF/ }).isChecked()).toBe(true);
  await screenshot(page, "exporter");
  const downloading = page.waitForEvent("download");
  await dialog.getByRole("button", { name: "Télécharger" }).focus();
  await page.keyboard.press("Enter");
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("Assises interrégionales Grand-Sud la place des usagers.pdf");
  await dialog.waitFor({ state: "hidden" });

  const dir = await mkdtemp(path.join(os.tmpdir(), "atelier-e2e-export-"));
  try {
    const file = path.join(dir, "export.pdf");
    await download.saveAs(file);
    expect((await readFile(file)).subarray(0, 5).toString()).toBe("%PDF-");
    const { stdout } = await promisify(execFile)("pdftotext", [file, "-"]);
    // A long title wraps on the cover.
    const text = stdout.replace(/\s+/g, " ");
    for (const words of [LIVRABLE, GRAND_SUD, "Sommaire", "Contexte", "Pratiques inspirantes", "Leviers d'actions"]) expect(text).toContain(words);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }

  // Printed, the page is the text: no site header, no editor bar, no buttons.
  await page.emulateMedia({ media: "print" });
  await expect.poll(() => page.getByRole("button", { name: "Exporter" }).isVisible()).toBe(false);
  await expect.poll(() => page.locator(".fr-header").isVisible()).toBe(false);
  expect(await page.getByRole("heading", { level: 1, name: LIVRABLE }).isVisible()).toBe(true);
  expect(await page.getByRole("textbox", { name: /^Texte du document/ }).getByRole("heading", { name: "Contexte" }).isVisible()).toBe(true);
  await page.emulateMedia({ media: "screen" });
});
