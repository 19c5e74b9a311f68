import { beforeAll, expect, test } from "vitest";
import { logIn, openBrowser, screenshot, startApp, type App, type Browsing } from "./harness.js";

let app: App;
let browse: () => Promise<Browsing>;
beforeAll(async () => {
  app = await startApp();
  browse = await openBrowser();
});

test("an admin invites someone into a space; the invitee follows the mailed link, sets a password and lands in the space", async () => {
  const spaceId = await app.spaceId("grand-sud");
  const invitee = `invitee-${Date.now()}@exemple.fr`;

  const admin = (await browse()).page;
  await logIn(admin, app.url, "admin@atelier.test");
  await admin.getByRole("heading", { level: 1, name: "Mes espaces" }).waitFor();
  expect(await admin.getByRole("link", { name: "Administration" }).count()).toBeGreaterThan(0);
  await admin.goto(`${app.url}/espaces/${spaceId}`);
  await admin.getByRole("heading", { level: 1, name: "Grand-Sud" }).waitFor();
  const form = admin.locator("section", { has: admin.getByRole("heading", { name: "Inviter une personne" }) });
  await form.getByLabel("Adresse électronique").fill(invitee);
  await form.getByLabel("Rôle dans l'espace").selectOption("membre");
  await form.getByLabel("Organisme (facultatif)").fill("CCAS de Marseille");
  await form.getByRole("button", { name: "Envoyer l'invitation" }).click();
  await form.locator(".fr-alert--success").waitFor();
  await admin.getByRole("heading", { name: "Invitations en attente" }).waitFor();
  expect(await admin.locator("body").innerText()).toContain(invitee);
  await screenshot(admin, "espace-pilote");

  const mail = await app.lastMailTo(invitee);
  const link = /https?:\/\/\S+\/invitation\?jeton=[a-z0-9]+/.exec(mail)?.[0];
  expect(link, mail).toBeDefined();

  const { page } = await browse();
  await page.goto(link!);
  await page.getByRole("heading", { level: 1, name: "Rejoindre Atelier" }).waitFor();
  const callout = await page.locator(".fr-callout").innerText();
  expect(callout).toContain("Grand-Sud");
  expect(callout).toContain("Membre");
  await page.getByLabel("Prénom").fill("Inès");
  await page.getByLabel("Nom", { exact: true }).fill("Invitée");
  await page.getByLabel("Nouveau mot de passe").fill("une phrase de passe solide");
  await page.getByLabel("Confirmez le mot de passe").fill("une phrase de passe solide");
  await screenshot(page, "invitation");
  await page.getByRole("button", { name: /Créer mon compte/ }).click();

  await page.waitForURL(`${app.url}/espaces/${spaceId}`);
  await page.getByRole("heading", { level: 1, name: "Grand-Sud" }).waitFor();
  await expect.poll(() => page.getByTestId("utilisateur").first().textContent()).toBe("Inès Invitée");
  expect(await page.getByTestId("membres").innerText()).toContain("Inès Invitée");
});
