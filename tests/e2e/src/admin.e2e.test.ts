import { beforeAll, expect, test } from "vitest";
import { logIn, openBrowser, screenshot, startApp, type App, type Browsing } from "./harness.js";

let app: App;
let browse: () => Promise<Browsing>;
beforeAll(async () => {
  app = await startApp();
  browse = await openBrowser();
});

async function asAdmin() {
  const { page } = await browse();
  await logIn(page, app.url, "admin@atelier.test");
  await page.getByRole("heading", { level: 1, name: "Mes espaces" }).waitFor();
  return page;
}

test("an admin finds users by search, from the header's Administration link", async () => {
  const page = await asAdmin();
  await page.getByRole("link", { name: "Administration" }).first().click();
  await page.getByRole("heading", { level: 1, name: "Utilisateurs" }).waitFor();
  await expect.poll(() => page.title()).toBe("Utilisateurs — Atelier");
  await page.getByLabel("Rechercher par nom, adresse ou organisme").fill("grand-sud");
  // The page's own search, not the header's.
  await page.getByRole("main").getByRole("button", { name: "Rechercher" }).click();
  await page.getByText("pour « grand-sud »").waitFor();
  const rows = await page.locator("tbody tr").allInnerTexts();
  expect(rows.some((r) => r.includes("Paul Pilote"))).toBe(true);
  expect(rows.some((r) => r.includes("Jean Aquitain"))).toBe(false);
  await screenshot(page, "admin-utilisateurs");

  // Deactivation asks for confirmation, then shows at once.
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: "Désactiver Léa Lectrice" }).click();
  await page.getByRole("button", { name: "Réactiver Léa Lectrice" }).waitFor();
  const [lea] = await app.services.db.query<{ active: boolean }>("SELECT active FROM users WHERE email = $1", ["lecteur.grand-sud@atelier.test"]);
  expect(lea!.active).toBe(false);
});

test("an admin edits a member's name and organisation and adds a membership; their own account offers no deactivation", async () => {
  const page = await asAdmin();
  await page.getByRole("link", { name: "Administration" }).first().click();
  await page.getByRole("heading", { level: 1, name: "Utilisateurs" }).waitFor();
  await page.getByRole("button", { name: "Modifier Lucia Santoni" }).click();
  const form = page.getByRole("region", { name: /^Modifier le compte de Luci/ });
  await form.getByLabel("Prénom").fill("Lucie");
  await form.getByLabel("Organisme").fill("DREETS Corse");
  await form.getByRole("button", { name: "Enregistrer le compte" }).click();
  await form.getByText("Le compte de Lucie Santoni est enregistré.").first().waitFor();
  await form.getByLabel("Ajouter à un espace").selectOption({ label: "COPIL territorial Grand-Sud" });
  await form.getByLabel("Rôle dans cet espace").selectOption({ label: "Lecteur" });
  await form.getByRole("button", { name: "Ajouter à l'espace" }).click();
  const row = page.locator("tbody tr").filter({ hasText: "membre.corse@atelier.test" }).first();
  await expect.poll(() => row.innerText()).toContain("Lucie Santoni");
  await expect.poll(() => row.innerText()).toContain("COPIL territorial Grand-Sud (Lecteur)");
  expect(await row.innerText()).toContain("DREETS Corse");
  await screenshot(page, "admin-modifier-compte");

  // Her own account: editing is offered, deactivation is not (the server would refuse it).
  await page.getByRole("button", { name: "Modifier Camille Admin" }).waitFor();
  expect(await page.getByRole("button", { name: "Désactiver Camille Admin" }).count()).toBe(0);
  // The last pilote of a space cannot be removed from it.
  await page.getByRole("button", { name: "Modifier Jean Aquitain" }).click();
  const jean = page.getByRole("region", { name: "Modifier le compte de Jean Aquitain" });
  await jean.getByText("Dernier pilote", { exact: false }).waitFor();
  expect(await jean.getByRole("button", { name: /^Retirer de/ }).count()).toBe(0);
  expect(await page.getByRole("button", { name: "Désactiver Jean Aquitain" }).count()).toBe(0);

  // The journal says it in words, with names, no key or id.
  await page.goto(`${app.url}/administration/journal`);
  await page.getByLabel("Action").selectOption({ label: "Compte modifié" });
  const entry = page.locator("tbody tr").first();
  await expect.poll(() => entry.innerText()).toContain("Champs modifiés : prénom, organisme");
  expect(await entry.innerText()).toContain("Personne : Lucie Santoni (membre.corse@atelier.test)");
  await page.getByLabel("Action").selectOption({ label: "Accès accordé" });
  await expect.poll(() => page.locator("tbody").innerText()).toContain("Rôle : lecteur");
  expect(await page.locator("tbody").innerText()).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-|\b(to|from|via|role) :/);
});

test("the CSV import shows every bad line before anything is written, then applies a clean file", async () => {
  const page = await asAdmin();
  await page.goto(`${app.url}/administration/import`);
  await page.getByRole("heading", { level: 1, name: "Import de membres" }).waitFor();
  const header = "email;nom;prénom;organisme;espace;rôle";
  const good = "import.e2e@exemple.fr;Durand;Alix;CCAS de Nîmes;grand-sud;lecteur";
  await page.getByLabel("Contenu du fichier").fill([header, good, "pas-une-adresse;X;Y;Z;nulle-part;chef"].join("\n"));
  await page.getByRole("button", { name: "Vérifier le fichier" }).click();
  const errors = page.locator("table", { has: page.locator("caption", { hasText: "Lignes à corriger" }) });
  await errors.waitFor();
  expect(await errors.locator("tbody tr td:first-child").allInnerTexts()).toContain("3");
  expect(await page.getByRole("button", { name: "Appliquer l'import" }).count()).toBe(0);
  await screenshot(page, "admin-import-erreurs");
  const [before] = await app.services.db.query<{ n: number }>("SELECT count(*)::int AS n FROM users WHERE email = $1", ["import.e2e@exemple.fr"]);
  expect(before!.n).toBe(0);

  await page.getByLabel("Contenu du fichier").fill([header, good].join("\n"));
  await page.getByRole("button", { name: "Vérifier le fichier" }).click();
  await page.getByRole("button", { name: "Appliquer l'import" }).click();
  await page.getByText(/Import terminé/).first().waitFor();
  const [after] = await app.services.db.query<{ n: number }>("SELECT count(*)::int AS n FROM users WHERE email = $1", ["import.e2e@exemple.fr"]);
  expect(after!.n).toBe(1);
});

test("an admin creates a regional space under a territorial one", async () => {
  const page = await asAdmin();
  await page.goto(`${app.url}/administration/espaces`);
  await page.getByRole("heading", { level: 1, name: "Gestion des espaces" }).waitFor();
  const form = page.locator("section", { has: page.getByRole("heading", { name: "Créer un espace" }) });
  await form.getByLabel("Nom").fill("COPIL régional Essai");
  await form.getByLabel("Niveau").selectOption("regional");
  await form.getByLabel("Rattaché à").selectOption({ label: "COPIL territorial Grand-Sud" });
  await form.getByRole("button", { name: "Créer l'espace" }).click();
  await form.locator(".fr-alert--success").waitFor();
  const [row] = await app.services.db.query<{ parent: string }>(
    "SELECT p.slug AS parent FROM spaces s JOIN spaces p ON p.id = s.parent_id WHERE s.name = $1",
    ["COPIL régional Essai"],
  );
  expect(row?.parent).toBe("grand-sud");

  await page.getByRole("button", { name: "Modifier COPIL régional Essai" }).click();
  const table = page.locator("table");
  await table.getByLabel("Nom").fill("COPIL régional Essai renommé");
  await screenshot(page, "admin-espaces");
  await table.getByRole("button", { name: "Enregistrer" }).click();
  await table.getByRole("link", { name: "COPIL régional Essai renommé" }).waitFor();
});

test("an admin reads the audit journal, filters it by action and person, and gets the CSV of that view", async () => {
  const failed = await browse();
  await logIn(failed.page, app.url, "membre.corse@atelier.test", "pas-le-bon-mot-de-passe");
  await failed.page.getByText(/mot de passe incorrect/).first().waitFor();
  const page = await asAdmin();
  await page.goto(`${app.url}/administration/journal`);
  await page.getByRole("heading", { level: 1, name: "Journal d'audit" }).waitFor();
  await page.getByLabel("Action").selectOption({ label: "Échec de connexion" });
  await page.getByLabel(/Personne/).fill("membre.corse");
  await expect.poll(() => page.locator("tbody tr").allInnerTexts()).toEqual([expect.stringContaining("membre.corse@atelier.test")]);
  expect(await page.locator("tbody tr").first().innerText()).toContain("Échec de connexion");
  const csv = page.getByRole("link", { name: /Télécharger le journal filtré/ });
  expect(await csv.getAttribute("href")).toBe("/api/audit?actor=membre.corse&kind=auth.login_failed&format=csv");
  await screenshot(page, "admin-journal");
});
