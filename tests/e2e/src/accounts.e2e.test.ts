import { beforeAll, expect, test } from "vitest";
import { logIn, openBrowser, screenshot, startApp, type App, type Browsing } from "./harness.js";

let app: App;
let browse: () => Promise<Browsing>;
beforeAll(async () => {
  app = await startApp();
  browse = await openBrowser();
});

test("a person who forgot their password gets a link by mail, chooses a new one and logs in with it", async () => {
  const email = "lecteur.grand-sud@atelier.test";
  const { page } = await browse();
  await page.goto(`${app.url}/connexion`);
  await page.getByRole("link", { name: "Mot de passe oublié ?" }).click();
  await page.getByRole("heading", { level: 1, name: "Mot de passe oublié" }).waitFor();
  await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe("H1");
  await page.getByLabel("Adresse électronique").fill(email);
  await page.getByRole("button", { name: "Recevoir un lien" }).click();
  await page.locator(".fr-alert--success").waitFor();
  await screenshot(page, "mot-de-passe-oublie");

  // The mail leaves after the answer: wait for it.
  let mail = "";
  await expect.poll(async () => (mail = await app.lastMailTo(email).catch(() => "")), { timeout: 5000 }).toContain("jeton=");
  const link = /https?:\/\/\S+\/reinitialiser-mot-de-passe\?jeton=[a-z0-9]+/.exec(mail)![0];

  await page.goto(link);
  await page.getByRole("heading", { level: 1, name: "Choisir un nouveau mot de passe" }).waitFor();
  // Two different passwords are refused here, with the reason tied to the fields.
  await page.getByLabel("Nouveau mot de passe").fill("un nouveau mot de passe");
  await page.getByLabel("Confirmez le mot de passe").fill("un autre mot de passe");
  await page.getByRole("button", { name: "Enregistrer le mot de passe" }).click();
  expect(await page.locator("#reinitialisation-erreur").innerText()).toContain("pas identiques");
  expect(await page.getByLabel("Confirmez le mot de passe").getAttribute("aria-describedby")).toContain("reinitialisation-erreur");
  await page.getByLabel("Confirmez le mot de passe").fill("un nouveau mot de passe");
  await page.getByRole("button", { name: "Enregistrer le mot de passe" }).click();
  await page.locator(".fr-alert--success").waitFor();

  await page.getByRole("link", { name: "Se connecter" }).last().click();
  await logIn(page, app.url, email, "un nouveau mot de passe");
  await page.getByRole("heading", { level: 1, name: "Mes espaces" }).waitFor();

  // The session ends behind the page's back: the next API answer (401) leads to the login page,
  // which then brings the person back where they were going.
  await page.evaluate(() => fetch("/api/auth/logout", { method: "POST" }));
  const space = page.getByTestId("mes-espaces").getByRole("link").first();
  const target = new URL((await space.getAttribute("href"))!, app.url).pathname;
  await space.click();
  await page.waitForURL(`${app.url}/connexion?retour=${encodeURIComponent(target)}`);
  await page.getByLabel("Adresse électronique").fill(email);
  await page.getByLabel("Mot de passe", { exact: true }).fill("un nouveau mot de passe");
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.waitForURL(app.url + target);
  await page.locator("#contenu h1:not(.fr-modal__title)").waitFor();

  // Logging out leads back to the login page; the spaces are then out of reach.
  await page.getByRole("button", { name: "Se déconnecter" }).first().click();
  await page.waitForURL(/\/connexion$/);
  await expect.poll(() => page.getByTestId("annonces").textContent()).toBe("Vous êtes déconnecté(e).");
  await page.goto(`${app.url}/espaces`);
  await page.waitForURL(/\/connexion$/);
});
