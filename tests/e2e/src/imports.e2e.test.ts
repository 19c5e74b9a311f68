/**
 * Importing a file as a person does: a pilote picks a DOCX (written by LibreOffice here, as a
 * committee's word processor would) in "Nouveau document", reads what was not kept, and opens the
 * document, whose headings, list and table came with it; a membre imports the same file into an open
 * document at the cursor (« Importer un fichier ici », the file chosen in the picker).
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, test } from "vitest";
import { DocumentReply } from "@atelier/shared";
import { logIn, openAs, openBrowser, screenshot, startApp, type App, type Browsing } from "./harness.js";

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

test("a membre imports a DOCX into an open document at the cursor, and reads what was not kept", async () => {
  const { page, errors } = await openAs(browse, app.url, "membre.grand-sud@atelier.test");
  // The document to import into: a compte rendu, its template's sections empty.
  const created = await page.request.post(`${app.url}/api/spaces/${await app.spaceId("grand-sud")}/documents`, {
    data: { title: "COPIL de décembre", kind: "compte-rendu" },
    headers: { origin: app.url },
  });
  const { id } = DocumentReply.parse(await created.json()).document;
  await page.goto(`${app.url}/documents/${id}`);
  await page.getByTestId("connection-state").getByText("Connecté", { exact: true }).waitFor();
  const editor = page.getByRole("textbox", { name: /^Texte du document/ });
  // The cursor in the empty paragraph under « Date de la réunion ».
  await editor.locator("h2:has-text('Date de la réunion') + p").click();

  const picker = page.waitForEvent("filechooser");
  await page.getByRole("button", { name: "Importer un fichier ici" }).click();
  await (await picker).setFiles({ name: "compte-rendu-copil.docx", mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", buffer: docx });
  const told = page.getByTestId("import-ici");
  // The conversion process may start with this import: slower on a loaded machine.
  await told.getByText("« compte-rendu-copil.docx » a été inséré dans le document.").waitFor({ timeout: 60_000 });
  expect(await told.getByRole("listitem").allTextContents()).toEqual(["Styles Word non reconnus, texte gardé sans ce style : Preformatted Text."]);
  await screenshot(page, "import-ici");
  // The file's headings, there: after « Date de la réunion », before the template's next sections.
  await editor.getByRole("heading", { level: 1, name: "Compte rendu du COPIL du 12 novembre" }).waitFor();
  expect(await editor.getByRole("heading").allInnerTexts()).toEqual([
    "Date de la réunion",
    "Compte rendu du COPIL du 12 novembre",
    "Participants",
    "Relevé de décisions",
    "Participants",
    "Ordre du jour",
    "Relevé de décisions",
  ]);
  await editor.getByRole("cell", { name: "Réunir les usagers" }).waitFor();
  await expect.poll(() => page.getByTestId("connection-state").textContent()).not.toContain("non synchronisées");
  await told.getByRole("button", { name: "Masquer le message" }).click();
  await told.waitFor({ state: "detached" });
  expect(errors).toEqual([]);
}, 150_000);
