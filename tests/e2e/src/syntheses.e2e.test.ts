/**
 * The national synthesis in the browser: the national team picks the livrables the territories
 * transmitted (the demo install has three) from the dashboard, names the synthèse, reads each
 * territory's text under its committee's name in the new document, and adds one more source.
 */
import type { Page } from "playwright-core";
import { beforeAll, expect, test } from "vitest";
import { logIn, openBrowser, screenshot, startApp, type App, type Browsing } from "./harness.js";

let app: App;
let browse: () => Promise<Browsing>;
beforeAll(async () => {
  app = await startApp();
  browse = await openBrowser();
});

const editorOf = (page: Page) => page.getByRole("textbox", { name: /^Texte du document/ });
const TRANSMITTED = [
  "Livrable Sud-Ouest : l'aller-vers et l'accès aux droits",
  "Livrable Ouest : coordonner les acteurs autour de la personne",
  "Livrable Est : l'attractivité des métiers du travail social",
];

test("the national team builds a synthèse nationale from the dashboard's selection and reads each committee's sections", async () => {
  const { page } = await browse();
  await logIn(page, app.url, "national@atelier.test");
  await page.getByRole("link", { name: "Tableau de bord national" }).first().click();
  await page.getByRole("heading", { level: 1, name: "Tableau de bord national" }).waitFor();
  await page.getByRole("link", { name: "Préparer une synthèse nationale" }).click();
  await page.getByRole("heading", { level: 1, name: "Préparer une synthèse nationale" }).waitFor();

  // "Transmis au national" is chosen from the start: the Grand-Sud livrable still in review is not offered.
  expect(await page.getByLabel("Statut").inputValue()).toBe("transmis");
  const documents = page.getByRole("group", { name: "Documents à reprendre" });
  await documents.getByRole("checkbox").first().waitFor();
  expect(await documents.getByRole("checkbox").count()).toBe(3);
  await page.getByLabel("Type").selectOption({ label: "Livrable" });
  // A DSFR checkbox is drawn by its label: that is what a person clicks.
  for (const title of TRANSMITTED) await documents.locator("label", { hasText: title }).click();
  for (const title of TRANSMITTED) expect(await documents.getByLabel(title).isChecked()).toBe(true);
  await documents.getByText("3 documents choisis.").waitFor();
  await screenshot(page, "synthese-selection");

  await page.getByRole("button", { name: "Créer une synthèse nationale" }).click();
  const dialog = page.getByRole("dialog", { name: "Créer une synthèse nationale" });
  await dialog.getByLabel("Titre de la synthèse").fill("Synthèse nationale des livrables transmis");
  expect(await dialog.getByRole("list", { name: "Les 3 documents repris :" }).getByRole("listitem").allInnerTexts()).toEqual([
    `${TRANSMITTED[0]} (COPIL territorial Sud-Ouest)`,
    `${TRANSMITTED[1]} (COPIL territorial Ouest)`,
    `${TRANSMITTED[2]} (COPIL territorial Est)`,
  ]);
  await dialog.getByRole("button", { name: "Créer et ouvrir" }).click();

  await page.getByRole("heading", { level: 1, name: "Synthèse nationale des livrables transmis" }).waitFor();
  const sources = page.getByRole("region", { name: /^Sources de la synthèse/ });
  await sources.getByRole("heading", { name: "Sources de la synthèse (3)" }).waitFor();
  for (const title of TRANSMITTED) await sources.getByRole("link", { name: title }).waitFor();
  expect(await sources.getByText("Modifié depuis").count()).toBe(0);

  // The sections of the synthèse template, each gathering every committee's text under its name.
  const editor = editorOf(page);
  await editor.getByRole("heading", { level: 2, name: "Diagnostic partagé" }).waitFor();
  const labels = await editor.getByRole("heading", { level: 3 }).allInnerTexts();
  expect(labels).toHaveLength(9);
  expect(labels.slice(0, 3)).toEqual([
    `COPIL territorial Sud-Ouest — ${TRANSMITTED[0]}`,
    `COPIL territorial Ouest — ${TRANSMITTED[1]}`,
    `COPIL territorial Est — ${TRANSMITTED[2]}`,
  ]);
  const text = await editor.innerText();
  expect(text).toContain("Les personnes les plus éloignées des droits ne viennent plus aux guichets");
  expect(text).toContain("Le tutorat des nouveaux professionnels par des pairs expérimentés, à Strasbourg.");
  expect(text.indexOf("Pratiques inspirantes")).toBeLessThan(text.indexOf("Le bus France services des Landes"));
  expect(text.indexOf("Leviers d'actions")).toBeLessThan(text.indexOf("Revaloriser les salaires"));
  await screenshot(page, "synthese-document");

  // One more source: Grand-Sud's livrable, still in review, joins at the end of each section.
  await sources.getByRole("button", { name: "Ajouter une source" }).click();
  await sources.getByLabel("Document à ajouter").selectOption({ label: "Assises interrégionales Grand-Sud : la place des usagers (COPIL territorial Grand-Sud)" });
  await sources.getByRole("button", { name: "Ajouter à la synthèse" }).click();
  await sources.getByRole("heading", { name: "Sources de la synthèse (4)" }).waitFor();
  await expect.poll(() => editor.getByRole("heading", { level: 3 }).count()).toBe(12);
  expect((await editor.getByRole("heading", { level: 3 }).allInnerTexts())[3]).toBe(
    "COPIL territorial Grand-Sud — Assises interrégionales Grand-Sud : la place des usagers",
  );
  await sources.getByRole("button", { name: /^Actualiser « Assises interrégionales/ }).waitFor();
});
