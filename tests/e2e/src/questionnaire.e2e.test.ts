/**
 * The questionnaire as people use it: from the public home, a visitor whose browser runs no
 * JavaScript answers the Grand-Sud questionnaire (open in the demo) as a "bénévole" and withdraws
 * nothing; another, with JavaScript, answers as a "bénévole" with an address and confirms it from
 * the mail; an elected official answers too. The pilote signs in at /connexion, reads the answers
 * filtered by group, exports them (the CSV downloaded), creates the synthesis document from one,
 * which loses its quotes, under her eyes, when its respondent withdraws it from the mail's link;
 * then she creates another questionnaire from the template and opens it to the public.
 * axe-core audits every page on the way (harness).
 */
import { readFile } from "node:fs/promises";
import type { Page } from "playwright-core";
import { beforeAll, expect, test } from "vitest";
import { logIn, openBrowser, screenshot, startApp, type App, type Browse } from "./harness.js";

let app: App;
let browse: Browse;
beforeAll(async () => {
  // A person takes more than a second to fill the form; the robots' threshold stays on.
  app = await startApp(undefined, { PUBLIC_FORM_MIN_SECONDS: "1" });
  browse = await openBrowser();
});

const TITLE = "La place des usagers dans les politiques sociales";
const GRAND_SUD = "COPIL territorial Grand-Sud";

/** From the public home to the questionnaire's form, answered as `group`. */
async function answers(page: Page, group: string, text: string, email = "") {
  await page.goto(app.url + "/");
  await page.getByRole("link", { name: "Répondre au questionnaire" }).click();
  await page.getByRole("heading", { level: 1, name: "Questionnaire aux acteurs du travail social" }).waitFor();
  await page.getByRole("link", { name: TITLE }).click();
  await page.getByRole("heading", { level: 1, name: TITLE }).waitFor();
  await page.getByText("Vos données personnelles").waitFor();
  // The DSFR draws the radio over its label: a person clicks the label.
  await page.locator("label", { hasText: group }).click();
  await page.getByLabel(/^1\. Comment analysez-vous/).fill(text);
  await page.getByLabel(/^Commentaire libre/).fill("Merci de nous consulter.\nÀ bientôt.");
  if (email) await page.getByLabel(/^Adresse électronique/).fill(email);
  // A person takes longer than the form's minimum time (PUBLIC_FORM_MIN_SECONDS, 1 s here) to fill it.
  await page.waitForTimeout(1100);
  await page.getByRole("button", { name: "Envoyer ma réponse" }).click();
  await page.getByRole("heading", { level: 1, name: "Merci pour votre réponse" }).waitFor();
  await page.getByText(`en tant que « ${group} »`).waitFor();
}

test("visitors answer from the public home, with and without JavaScript; the pilote reads them by group, exports them, makes the synthesis (which loses a withdrawn answer) and opens a new questionnaire", async () => {
  // Without JavaScript, anonymously: counted at once, the receipt carries the withdrawal link.
  const noScript = await browse({ javaScriptEnabled: false });
  await answers(noScript.page, "Bénévoles", "Sans JavaScript : les bénévoles sont rarement consultés.");
  await noScript.page.getByText("Votre réponse est prise en compte.").waitFor();
  await noScript.page.getByRole("link", { name: "Retirer ma réponse" }).waitFor();
  await screenshot(noScript.page, "questionnaire-accuse");

  // With JavaScript and an address: counted once the address is confirmed from the mail.
  const visitor = await browse();
  await answers(visitor.page, "Bénévoles", "Les usagers devraient siéger dans les instances.", "lea@exemple.fr");
  await visitor.page.getByText("Un courriel vient d'être envoyé à").waitFor();
  const confirm = /https?:\/\/\S+\/questionnaire\/confirmer\?jeton=[a-z0-9]+/.exec(await app.lastMailTo("lea@exemple.fr"))![0];
  await visitor.page.goto(confirm);
  await visitor.page.getByRole("button", { name: "Confirmer ma réponse" }).click();
  await visitor.page.getByRole("heading", { level: 1, name: "Réponse confirmée" }).waitFor();

  const elu = await browse();
  await answers(elu.page, "Élus locaux", "Un élu : il faut des moyens pour les CCAS.");

  // The pilote, from the login page, in the committee's space.
  const pilote = await browse();
  const page = pilote.page;
  await logIn(page, app.url, "pilote.grand-sud@atelier.test");
  await page.getByRole("heading", { level: 1, name: "Mes espaces" }).waitFor();
  await page.getByTestId("mes-espaces").getByRole("link", { name: GRAND_SUD, exact: true }).click();
  const section = page.getByRole("region", { name: "Questionnaires" });
  const item = section.getByTestId("questionnaires").getByRole("listitem").filter({ has: page.getByRole("heading", { name: TITLE }) });
  await item.getByText("3 réponses").waitFor();
  await item.getByRole("button", { name: /^Lire les réponses/ }).click();
  await item.getByText("3 réponses").last().waitFor();
  await item.getByLabel("Groupe d'acteurs").selectOption("Bénévoles");
  const list = item.getByTestId("reponses");
  await item.getByText("2 réponses").last().waitFor();
  await list.getByText("Les usagers devraient siéger dans les instances.").waitFor();
  await list.getByText("Sans JavaScript : les bénévoles sont rarement consultés.").waitFor();
  expect(await list.getByText("Un élu").count()).toBe(0);
  await screenshot(page, "questionnaire-reponses");

  const [download] = await Promise.all([page.waitForEvent("download"), item.getByRole("link", { name: "Exporter les réponses des « Bénévoles » (CSV)" }).click()]);
  expect(download.suggestedFilename()).toBe("reponses-grand-sud-la-place-des-usagers-dans-les-politiques-sociales-benevoles.csv");
  const csv = await readFile((await download.path())!, "utf8");
  expect(csv).toContain("Groupe d'acteurs");
  expect(csv).toContain("Les usagers devraient siéger dans les instances.");
  expect(csv).toContain("lea@exemple.fr");
  expect(csv).not.toContain("Un élu");

  // The answer with the address, quoted in a new document of the space.
  await list.locator("label", { hasText: "Bénévoles" }).last().click();
  const chosen = list.getByRole("checkbox", { checked: true });
  expect(await chosen.count()).toBe(1);
  await item.getByLabel("Titre du document").fill("Synthèse des principales problématiques — bénévoles");
  await item.getByRole("button", { name: "Créer la synthèse à partir des réponses choisies" }).click();
  await page.waitForURL(/\/documents\/[0-9a-f-]+$/);
  await page.getByRole("heading", { name: "Synthèse des principales problématiques", exact: true }).waitFor();
  const editor = page.locator(".ProseMirror");
  await editor.getByText("Réponse 1 — Bénévoles").waitFor();
  const quoted = await editor.locator("blockquote").allTextContents();
  expect(quoted.join(" ")).toContain("Les usagers devraient siéger dans les instances.");
  expect(quoted.join(" ")).not.toContain("Sans JavaScript");
  await screenshot(page, "questionnaire-synthese");

  // The respondent withdraws her answer from the mail's link: it leaves the synthèse the pilote has open.
  const withdraw = /https?:\/\/\S+\/questionnaire\/retirer\?jeton=[a-z0-9]+/.exec(await app.lastMailTo("lea@exemple.fr"))![0];
  await visitor.page.goto(withdraw);
  await visitor.page.getByRole("button", { name: "Retirer ma réponse" }).click();
  await visitor.page.getByRole("heading", { level: 1, name: "Réponse retirée" }).waitFor();
  await editor.getByText("Réponse retirée par la personne qui l'avait donnée.").first().waitFor();
  expect(await editor.textContent()).not.toContain("Les usagers devraient siéger dans les instances.");
  await editor.getByText("Réponse 1 — Bénévoles").waitFor();

  // Another questionnaire from the template, opened to the public from the space.
  await page.goBack();
  await section.getByLabel("Titre du questionnaire").fill("Questionnaire aux bénévoles du Var");
  await section.getByRole("button", { name: "Créer à partir du modèle" }).click();
  await section.getByText("Questionnaire « Questionnaire aux bénévoles du Var » créé (brouillon)").waitFor();
  const created = section.getByTestId("questionnaires").getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Questionnaire aux bénévoles du Var" }) });
  await created.getByRole("button", { name: /^Ouvrir au public/ }).click();
  await created.getByText("Ouvert", { exact: true }).waitFor();
  await noScript.page.goto(app.url + "/questionnaire");
  await noScript.page.getByRole("link", { name: "Questionnaire aux bénévoles du Var" }).waitFor();

  for (const b of [noScript, visitor, elu, pilote]) expect(b.errors).toEqual([]);
});
