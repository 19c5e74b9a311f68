/**
 * The space's home as a committee uses it: a membre creates a livrable from the space page, writes
 * in it, renames it and moves it to the trash; the pilote restores it from the space's trash.
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

const GRAND_SUD = "COPIL territorial Grand-Sud";
const documents = (page: Page) => page.getByRole("table", { name: /^Documents du comité/ });
const row = (page: Page, title: string) => documents(page).getByRole("row").filter({ has: page.getByRole("link", { name: title, exact: true }) });

async function openGrandSud(page: Page, email: string) {
  await logIn(page, app.url, email);
  await page.getByRole("heading", { level: 1, name: "Mes espaces" }).waitFor();
  await page.getByTestId("mes-espaces").getByRole("link", { name: GRAND_SUD, exact: true }).click();
  await page.getByRole("heading", { level: 1, name: GRAND_SUD }).waitFor();
}

test("a membre creates, writes, renames and trashes a livrable; the pilote restores it from the trash", async () => {
  const { page, errors } = await browse();
  await openGrandSud(page, "membre.grand-sud@atelier.test");
  await page.getByRole("heading", { level: 2, name: "Documents du comité" }).waitFor();
  // The parent committee is out of a membre's reach: its name comes with the way to ask for access.
  await page.getByRole("link", { name: "Demander l'accès à Comité de pilotage national" }).waitFor();

  await page.getByRole("button", { name: "Nouveau document" }).click();
  const dialog = page.getByRole("dialog", { name: "Nouveau document" });
  await dialog.waitFor();
  // Each kind says what its template holds.
  await dialog.getByText(/contexte, premier état des lieux/).waitFor();
  await dialog.getByRole("radio", { name: /^Livrable/ }).check();
  await dialog.getByLabel("Titre").fill("Premier livrable du Grand-Sud");
  await dialog.getByText("Place des usagers").click();
  await screenshot(page, "nouveau-document");
  await dialog.getByRole("button", { name: "Créer et ouvrir" }).click();

  await page.getByRole("heading", { level: 1, name: "Premier livrable du Grand-Sud" }).waitFor();
  const editor = page.getByRole("textbox", { name: /^Texte du document/ });
  await editor.getByRole("heading", { name: "Contexte" }).click();
  await page.keyboard.press("End");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.type("Les trois régions ont réuni leurs partenaires.");
  const state = page.getByTestId("connection-state");
  await state.getByText("Connecté", { exact: true }).waitFor();
  await expect.poll(() => state.textContent()).not.toContain("non synchronisées");

  await page.getByRole("link", { name: GRAND_SUD }).click();
  await page.getByRole("heading", { level: 1, name: GRAND_SUD }).waitFor();
  const created = row(page, "Premier livrable du Grand-Sud");
  await created.waitFor();
  const text = (await created.textContent()) ?? "";
  expect(text).toContain("Livrable");
  expect(text).toContain("Brouillon");
  expect(text).toContain("Place des usagers");
  expect(text).toContain("Marie Membre");
  // The activity tells of it.
  await page.getByTestId("activite").getByRole("link", { name: "Premier livrable du Grand-Sud" }).first().waitFor();

  // Filters stay in the address.
  await page.getByLabel("Type", { exact: true }).selectOption({ label: "Diagnostic" });
  await page.waitForURL(/type=diagnostic/);
  await expect.poll(() => row(page, "Premier livrable du Grand-Sud").count()).toBe(0);
  await page.reload();
  await page.getByText("Aucun document ne correspond à ces filtres.").waitFor();
  await page.getByRole("button", { name: "Retirer les filtres" }).click();

  await row(page, "Premier livrable du Grand-Sud").getByRole("button", { name: /^Modifier « Premier livrable/ }).click();
  const edit = page.getByRole("dialog", { name: /^Modifier/ });
  await edit.getByLabel("Titre").fill("Livrable des assises interrégionales");
  await edit.getByRole("button", { name: "Enregistrer" }).click();
  await row(page, "Livrable des assises interrégionales").waitFor();

  await row(page, "Livrable des assises interrégionales").getByRole("button", { name: /à la corbeille$/ }).click();
  await page.getByTestId("annonces").getByText("« Livrable des assises interrégionales » a été placé dans la corbeille.").waitFor();
  await expect.poll(() => row(page, "Livrable des assises interrégionales").count()).toBe(0);
  // A membre has no trash to restore from.
  expect(await page.getByRole("heading", { name: "Corbeille" }).count()).toBe(0);
  await page.getByRole("button", { name: "Se déconnecter" }).first().click();
  await page.getByRole("heading", { level: 1, name: "Connexion à Atelier" }).waitFor();

  await openGrandSud(page, "pilote.grand-sud@atelier.test");
  const trash = page.getByRole("table", { name: "Documents dans la corbeille" });
  await trash.getByText("Livrable des assises interrégionales").waitFor();
  expect(await trash.textContent()).toContain("Marie Membre");
  await screenshot(page, "corbeille");
  await trash.getByRole("button", { name: "Restaurer « Livrable des assises interrégionales »" }).click();
  await row(page, "Livrable des assises interrégionales").waitFor();
  await page.getByText("La corbeille est vide.").waitFor();

  // What the membre wrote is there.
  await row(page, "Livrable des assises interrégionales").getByRole("link").click();
  await page.getByRole("textbox", { name: /^Texte du document/ }).getByText("Les trois régions ont réuni leurs partenaires.").waitFor();
  expect(errors).toEqual([]);
});
