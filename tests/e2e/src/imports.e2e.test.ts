/**
 * Importing a file as a person does: a pilote picks a DOCX (written by LibreOffice here, as a
 * committee's word processor would) in "Nouveau document", reads what was not kept, and opens the
 * document, whose headings, list and table came with it.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, test } from "vitest";
import { logIn, openBrowser, screenshot, startApp, type App, type Browsing } from "./harness.js";

const GRAND_SUD = "COPIL territorial Grand-Sud";
const PAGE = `<!doctype html><html><head><meta charset="utf-8"></head><body>
<h1>Compte rendu du COPIL du 12 novembre</h1>
<p>Préparation du premier livrable.</p>
<pre>Ordre du jour envoyé le 5 novembre</pre>
<h2>Participants</h2>
<ul><li>Direction régionale</li><li>Conseil départemental</li></ul>
<h2>Relevé de décisions</h2>
<table border="1"><tr><th>Décision</th><th>Responsable</th></tr><tr><td>Réunir les usagers</td><td>DRJSCS</td></tr></table>
</body></html>`;

let app: App;
let browse: () => Promise<Browsing>;
let dir: string;
let docx: Buffer;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "imports-e2e-"));
  await writeFile(path.join(dir, "compte-rendu.html"), PAGE);
  const convert = promisify(execFile)(
    "soffice",
    [`-env:UserInstallation=file://${dir}/profile`, "--headless", "--infilter=HTML (StarWriter)", "--convert-to", "docx:MS Word 2007 XML", "--outdir", dir, path.join(dir, "compte-rendu.html")],
    { timeout: 120_000 },
  );
  [app, browse] = await Promise.all([startApp(), openBrowser(), convert]);
  docx = await readFile(path.join(dir, "compte-rendu.docx"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

test("a pilote imports a DOCX from the space page, reads what was not kept, and opens the document", async () => {
  const { page, errors } = await browse();
  await logIn(page, app.url, "pilote.grand-sud@atelier.test");
  await page.getByTestId("mes-espaces").getByRole("link", { name: GRAND_SUD, exact: true }).click();
  await page.getByRole("heading", { level: 1, name: GRAND_SUD }).waitFor();

  await page.getByRole("button", { name: "Nouveau document" }).click();
  const dialog = page.getByRole("dialog", { name: "Nouveau document" });
  await dialog.getByText(/participants, ordre du jour/).waitFor();
  // A person clicks the option's label (DSFR draws the radio inside it).
  await dialog.locator("label", { hasText: /^Compte rendu de COPIL/ }).click();
  await dialog.locator("label", { hasText: /^Importer un fichier$/ }).click();
  expect(await dialog.getByRole("radio", { name: /^Compte rendu de COPIL/ }).isChecked()).toBe(true);
  await dialog.getByLabel("Fichier à importer").setInputFiles({
    name: "compte-rendu-copil.docx",
    mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    buffer: docx,
  });
  await dialog.getByRole("button", { name: "Importer", exact: true }).click();

  const report = dialog.getByTestId("import-bilan");
  // The first import also starts the conversion process: slower on a loaded machine.
  await report.getByText("Le document a été créé à partir du fichier.").waitFor({ timeout: 60_000 });
  expect(await dialog.getByTestId("import-non-repris").getByRole("listitem").allTextContents()).toEqual([
    "Styles Word non reconnus, texte gardé sans ce style : Preformatted Text.",
  ]);
  await screenshot(page, "import-bilan");
  await report.getByRole("button", { name: "Ouvrir le document" }).click();

  // Titled after the file, with what the file held.
  await page.getByRole("heading", { level: 1, name: "compte-rendu-copil" }).waitFor();
  const editor = page.getByRole("textbox", { name: /^Texte du document/ });
  await editor.getByRole("heading", { level: 1, name: "Compte rendu du COPIL du 12 novembre" }).waitFor();
  await editor.getByRole("heading", { level: 2, name: "Relevé de décisions" }).waitFor();
  await editor.getByRole("listitem").filter({ hasText: "Conseil départemental" }).waitFor();
  await editor.getByRole("cell", { name: "Réunir les usagers" }).waitFor();
  await editor.getByText("Ordre du jour envoyé le 5 novembre").waitFor();

  // The space lists it with its kind.
  await page.getByRole("link", { name: GRAND_SUD }).click();
  const row = page.getByRole("table", { name: /^Documents du comité/ }).getByRole("row").filter({ has: page.getByRole("link", { name: "compte-rendu-copil", exact: true }) });
  expect(await row.textContent()).toContain("Compte rendu de COPIL");
  expect(errors).toEqual([]);
}, 120_000);
