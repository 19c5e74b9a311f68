/**
 * No dead ends: a new account finds a committee in the directory and asks for access; the pilote
 * hears of it in the bell and grants it there; the committee then opens from "Mes espaces".
 */
import { beforeAll, describe, expect, test } from "vitest";
import { accessibleName, DEMO_PASSWORD, openBrowser, screenshot, startApp, type App, type Browsing } from "./harness.js";

const NOUVEAU = "nouveau@atelier.test";
const PILOTE = "pilote.grand-sud@atelier.test";
const GRAND_SUD = "COPIL territorial Grand-Sud";

let app: App;
let browse: () => Promise<Browsing>;
beforeAll(async () => {
  app = await startApp();
  browse = await openBrowser();
});

async function logInAt(email: string) {
  const { page } = await browse();
  await page.goto(app.url + "/connexion");
  await page.getByRole("heading", { level: 1, name: "Connexion à Atelier" }).waitFor();
  await page.getByLabel("Adresse électronique").fill(email);
  await page.getByLabel("Mot de passe", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.getByRole("heading", { level: 1, name: "Mes espaces" }).waitFor();
  return page;
}

describe("a new account with no space", () => {
  test("finds Grand-Sud in the directory, asks for access; the pilote grants it from the bell; it then opens", async () => {
    const nouveau = await logInAt(NOUVEAU);
    await nouveau.getByText("Vous n'avez encore accès à aucun espace.").waitFor();
    await nouveau.getByRole("link", { name: "Parcourir l'annuaire des comités" }).click();
    await nouveau.getByRole("heading", { level: 1, name: "Annuaire des comités" }).waitFor();
    await expect.poll(() => nouveau.title()).toBe("Annuaire des comités — Atelier");
    // The directory is in the header's navigation too.
    expect(await nouveau.getByRole("navigation", { name: "Menu principal" }).getByRole("link", { name: "Annuaire des comités" }).count()).toBe(1);

    const row = nouveau.getByRole("row").filter({ has: nouveau.getByRole("rowheader", { name: GRAND_SUD, exact: true }) });
    const rowText = await row.innerText();
    expect(rowText).toContain("COPIL territorial");
    expect(rowText).toContain("DR PACA");
    // Who pilots it is said by organisation, never by name.
    expect(await nouveau.getByTestId("annuaire").innerText()).not.toContain("Paul Pilote");
    await screenshot(nouveau, "annuaire");

    await row.getByRole("link", { name: `Demander l'accès au ${GRAND_SUD}` }).click();
    await nouveau.getByRole("heading", { level: 1, name: GRAND_SUD }).waitFor();
    await nouveau.getByLabel("Votre message (facultatif)").fill("Je coordonne l'atelier accueil social inconditionnel à Nice.");
    await nouveau.getByRole("button", { name: "Demander l'accès" }).click();
    await nouveau.locator(".fr-alert--success").getByText("Votre demande a été transmise").waitFor();

    await nouveau.getByRole("link", { name: "Retour à l'annuaire des comités" }).click();
    await nouveau.getByRole("heading", { level: 1, name: "Annuaire des comités" }).waitFor();
    await row.getByText("Demande envoyée").waitFor();

    // The pilote sees it in the bell, follows it and grants a role.
    const pilote = await logInAt(PILOTE);
    const bell = pilote.getByTestId("cloche").first();
    // The demo's livrable submitted for review may be waiting too: the count includes at least the request.
    await expect.poll(() => accessibleName(bell)).toMatch(/^Notifications [1-9]\d* non lues?$/);
    await pilote.getByText("1 demande d'accès à traiter").waitFor();
    await bell.click();
    await pilote.getByRole("heading", { level: 1, name: "Mes notifications" }).waitFor();
    await pilote.getByRole("link", { name: `Nicolas Nouveau demande l'accès à ${GRAND_SUD}` }).click();
    await pilote.getByRole("heading", { level: 1, name: "Demandes d'accès à traiter" }).waitFor();
    const request = pilote.getByTestId("demande-acces").filter({ hasText: "Nicolas Nouveau" });
    expect(await request.innerText()).toContain("Je coordonne l'atelier accueil social inconditionnel à Nice.");
    expect(await request.innerText()).toContain(GRAND_SUD);
    await screenshot(pilote, "demandes-a-traiter");
    await request.getByLabel("Rôle à accorder à Nicolas Nouveau").selectOption("membre");
    await request.getByRole("button", { name: "Accorder l'accès" }).click();
    await pilote.getByText("Aucune demande d'accès n'attend votre décision.").waitFor();
    // Followed, the bell's entry is read.
    await bell.click();
    const entry = pilote.getByTestId("notification").filter({ hasText: `Nicolas Nouveau demande l'accès à ${GRAND_SUD}` });
    await entry.getByText("Demande d'accès à un espace que je pilote").waitFor();
    expect(await entry.innerText()).not.toContain("non lue");

    // The new account hears the answer in the bell and finds Grand-Sud in "Mes espaces".
    await nouveau.getByRole("navigation", { name: "Menu principal" }).getByRole("link", { name: "Mes espaces" }).click();
    await nouveau.getByRole("heading", { level: 1, name: "Mes espaces" }).waitFor();
    await expect.poll(() => accessibleName(nouveau.getByTestId("cloche").first())).toBe("Notifications 1 non lue");
    const mine = nouveau.getByTestId("mes-espaces");
    await mine.getByRole("link", { name: GRAND_SUD, exact: true }).waitFor();
    expect(await mine.textContent()).toContain("Membre");
    await nouveau.getByTestId("cloche").first().click();
    await nouveau.getByRole("link", { name: `Votre demande d'accès à ${GRAND_SUD} a été acceptée` }).waitFor();
    await nouveau.getByRole("navigation", { name: "Menu principal" }).getByRole("link", { name: "Mes espaces" }).click();
    await mine.getByRole("link", { name: GRAND_SUD, exact: true }).click();
    await nouveau.getByRole("heading", { level: 1, name: GRAND_SUD }).waitFor();
  });

  test("a refused document says which committee it belongs to, not its title, and offers the request", async () => {
    // The journey is the refused person's: the document is only the link they were sent.
    const [doc] = await app.services.db.query<{ id: string }>(
      `INSERT INTO documents (id, space_id, title, kind) VALUES (gen_random_uuid(), (SELECT id FROM spaces WHERE slug = 'sud-ouest'), 'Diagnostic confidentiel', 'diagnostic') RETURNING id`,
    );

    const nouveau = await logInAt(NOUVEAU);
    await nouveau.goto(`${app.url}/documents/${doc!.id}`);
    await nouveau.getByRole("heading", { level: 1, name: "Accès refusé" }).waitFor();
    await nouveau.getByText("il appartient à l'espace du COPIL territorial Sud-Ouest").waitFor();
    expect(await nouveau.locator("main").innerText()).not.toContain("Diagnostic confidentiel");
    await nouveau.getByRole("heading", { level: 2, name: "Demander l'accès au COPIL territorial Sud-Ouest" }).waitFor();
    await nouveau.getByRole("button", { name: "Demander l'accès" }).click();
    await nouveau.locator(".fr-alert--success").waitFor();
  });
});
