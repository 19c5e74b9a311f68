/**
 * "S'identifier avec ProConnect" through Chromium, against a real OpenID Connect provider started
 * here and configured like ProConnect (its sign-in page asks for the agent's address).
 */
import { startTestProvider, type Agent, type TestProvider } from "@atelier/server/test/proconnect-provider.js";
import type { Page } from "playwright-core";
import { beforeAll, expect, inject, test } from "vitest";
import { logIn, openBrowser, screenshot, startApp, type App, type Browsing } from "./harness.js";

const agent = (email: string, given_name: string, usual_name: string): Agent => ({
  sub: `sub-${email}`,
  email,
  given_name,
  usual_name,
  uid: `uid-${email}`,
  siret: "13002526500013",
  idp_id: "fia1v2",
});

const MEMBER = agent("membre.grand-sud@atelier.test", "Marie", "Membre");
const INVITED = agent("ines.invitee@agents.gouv.fr", "Inès", "Invitée");
const UNKNOWN = agent("paul.inconnu@agents.gouv.fr", "Paul", "Inconnu");
const SUD_OUEST = agent("membre.sud-ouest@atelier.test", "Sophie", "Garonne");

let app: App;
let provider: TestProvider;
let browse: () => Promise<Browsing>;
beforeAll(async () => {
  provider = await startTestProvider([MEMBER, INVITED, UNKNOWN, SUD_OUEST]);
  app = await startApp(inject("webDist"), provider.env);
  await provider.register(app.url);
  browse = await openBrowser();
  return () => provider.close();
});

/** From the login page: the ProConnect button, then the provider's page, as the agent would. */
async function signInWithProConnect(page: Page, email: string) {
  await page.goto(`${app.url}/connexion`);
  await page.getByRole("link", { name: "S’identifier avec ProConnect" }).click();
  await page.getByRole("heading", { level: 1, name: "S'identifier avec ProConnect" }).waitFor();
  await page.getByLabel("Adresse électronique professionnelle").fill(email);
  await page.getByRole("button", { name: "Continuer" }).click();
}

test("an existing account is linked at the first ProConnect sign-in; logging out ends both sessions", async () => {
  const { page } = await browse();
  await page.goto(`${app.url}/connexion`);
  expect(await page.getByRole("link", { name: /Qu’est-ce que ProConnect/ }).getAttribute("href")).toBe("https://www.proconnect.gouv.fr/");
  await screenshot(page, "connexion-proconnect");
  await signInWithProConnect(page, MEMBER.email);
  await page.getByRole("heading", { level: 1, name: "Mes espaces" }).waitFor();
  await expect.poll(() => page.getByTestId("utilisateur").first().textContent()).toBe("Marie Membre");

  await page.getByRole("button", { name: "Se déconnecter" }).first().click();
  await page.getByRole("heading", { level: 1, name: "Se déconnecter de ProConnect" }).waitFor();
  await page.getByRole("button", { name: "Me déconnecter" }).click();
  await page.waitForURL(new RegExp(`^${app.url}/connexion`));
  await page.getByRole("heading", { level: 1, name: "Connexion à Atelier" }).waitFor();
  // Both sessions ended: Atelier asks who is there, and so does the provider.
  await page.goto(`${app.url}/espaces`);
  await page.waitForURL(/\/connexion/);
  await page.getByRole("link", { name: "S’identifier avec ProConnect" }).click();
  await page.getByLabel("Adresse électronique professionnelle").waitFor();
});

test("an invited person signs in with ProConnect and lands in the space they were invited to", async () => {
  const admin = (await browse()).page;
  await logIn(admin, app.url, "admin@atelier.test");
  await admin.getByRole("heading", { level: 1, name: "Mes espaces" }).waitFor();
  const spaceId = await app.spaceId("grand-sud");
  await admin.goto(`${app.url}/espaces/${spaceId}`);
  const form = admin.locator("section", { has: admin.getByRole("heading", { name: "Inviter une personne" }) });
  await form.getByLabel("Adresse électronique").fill(INVITED.email);
  await form.getByLabel("Rôle dans l'espace").selectOption("contributeur");
  await form.getByRole("button", { name: "Envoyer l'invitation" }).click();
  await form.locator(".fr-alert--success").waitFor();

  const { page } = await browse();
  await signInWithProConnect(page, INVITED.email);
  await page.waitForURL(`${app.url}/espaces/${spaceId}`);
  await page.getByRole("heading", { level: 1, name: "Grand-Sud" }).waitFor();
  await expect.poll(() => page.getByTestId("utilisateur").first().textContent()).toBe("Inès Invitée");
});

test("an unknown agent lands on 'Demander l'accès' with their name filled in, and no account is made", async () => {
  const { page } = await browse();
  await signInWithProConnect(page, UNKNOWN.email);
  await page.getByRole("heading", { level: 1, name: "Demander l'accès à Atelier" }).waitFor();
  expect(await page.getByLabel("Prénom").inputValue()).toBe("Paul");
  expect(await page.getByLabel("Nom", { exact: true }).inputValue()).toBe("Inconnu");
  await page.getByLabel("Organisme").fill("DDETS du Var");
  await page.getByLabel("Votre message (facultatif)").fill("Je rejoins le COPIL Grand-Sud.");
  await screenshot(page, "demande-acces-proconnect");
  await page.getByRole("button", { name: "Envoyer ma demande" }).click();
  await page.locator(".fr-alert--success").getByText("Votre demande a été transmise aux administrateurs d'Atelier").waitFor();
  expect(await app.lastMailTo("admin@atelier.test")).toContain("Paul Inconnu (paul.inconnu@agents.gouv.fr), DDETS du Var");
  expect(await app.services.db.query("SELECT 1 FROM users WHERE email = $1", [UNKNOWN.email])).toEqual([]);
});

test("an administrator requires ProConnect of a committee: its member's password is refused, ProConnect lets her in", async () => {
  const admin = (await browse()).page;
  await logIn(admin, app.url, "admin@atelier.test");
  await admin.getByRole("heading", { level: 1, name: "Mes espaces" }).waitFor();
  await admin.getByRole("button", { name: "Administration" }).click();
  await admin.getByRole("link", { name: "Espaces", exact: true }).click();
  await admin.getByRole("heading", { level: 1, name: "Gestion des espaces" }).waitFor();
  await admin.getByRole("button", { name: "Modifier COPIL territorial Sud-Ouest" }).click();
  await admin.locator("label", { hasText: "Connexion par ProConnect obligatoire pour les membres" }).click();
  expect(await admin.getByLabel("Connexion par ProConnect obligatoire pour les membres").isChecked()).toBe(true);
  await admin.getByRole("button", { name: "Enregistrer" }).click();
  await admin.getByRole("row", { name: /COPIL territorial Sud-Ouest/ }).getByText("ProConnect obligatoire").waitFor();
  await screenshot(admin, "espace-proconnect-obligatoire");

  const { page } = await browse();
  await logIn(page, app.url, SUD_OUEST.email);
  await page
    .locator("#connexion-erreur")
    .getByText("Le comité COPIL territorial Sud-Ouest demande à ses membres de se connecter avec ProConnect")
    .waitFor();
  await screenshot(page, "connexion-proconnect-exigee");
  await page.getByRole("link", { name: "S’identifier avec ProConnect" }).click();
  await page.getByLabel("Adresse électronique professionnelle").fill(SUD_OUEST.email);
  await page.getByRole("button", { name: "Continuer" }).click();
  await page.getByRole("heading", { level: 1, name: "Mes espaces" }).waitFor();
  await page.getByRole("link", { name: "COPIL territorial Sud-Ouest" }).first().click();
  await page.getByRole("heading", { level: 1, name: "COPIL territorial Sud-Ouest" }).waitFor();
});
