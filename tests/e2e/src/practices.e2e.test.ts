/**
 * Inspiring practices as people use them: a visitor whose browser runs no JavaScript proposes one from
 * the public home and confirms it from the link in the mail; the territory's pilote logs in, accepts
 * it in the moderation queue of the space, completes the draft fiche it became, pastes an image into it
 * and publishes it; the practice is on the site, found by the list's filters, its image loaded by a
 * visitor with no session. axe-core audits every page on the way (harness).
 */
import type { Page } from "playwright-core";
import { beforeAll, expect, test } from "vitest";
import { handOver, PNG_BASE64 } from "./clipboard.js";
import { logIn, openBrowser, screenshot, startApp, type App, type Browse } from "./harness.js";

let app: App;
let browse: Browse;
beforeAll(async () => {
  // A person takes more than a second to fill the form; the robots' threshold stays on.
  app = await startApp(undefined, { PUBLIC_FORM_MIN_SECONDS: "1" });
  browse = await openBrowser();
});

const GRAND_SUD = "COPIL territorial Grand-Sud";
const TITLE = "La permanence des aidants de Toulon";
const AUTHOR = "ines@exemple.fr";
const COMPLETED = "Trouver des bénévoles disponibles le samedi.";

const editorOf = (page: Page) => page.getByRole("textbox", { name: /^Texte du document/ });

async function proposes(page: Page) {
  await page.goto(app.url + "/");
  await page.getByRole("region", { name: "Dernières pratiques inspirantes" }).getByRole("link", { name: "Proposer une pratique" }).click();
  await page.getByRole("heading", { level: 1, name: "Proposer une pratique inspirante" }).waitFor();
  // Sent empty, the form comes back with each missing field named, in French.
  await page.waitForTimeout(1100);
  await page.getByRole("button", { name: "Recevoir le lien de confirmation" }).click();
  await page.getByText("Le formulaire contient des erreurs : corrigez les champs signalés.").waitFor();
  await page.getByText("Indiquez le nom du projet.").waitFor();
  await page.getByText("Dites si vous acceptez la diffusion publique de la fiche.").waitFor();
  await page.getByLabel("Nom du projet").fill(TITLE);
  await page.getByLabel(/^Territoire concerné/).selectOption("grand-sud");
  await page.getByLabel(/^Type d'établissement/).fill("Centre social");
  await page.getByLabel(/^Public cible/).fill("Aidants familiaux");
  await page.getByLabel("Description du projet").fill("Chaque samedi matin, les aidants trouvent au centre social une écoute et des conseils.");
  await page.getByLabel(/^Acteurs impliqués/).fill("CCAS, associations d'aidants");
  // The DSFR draws the radio over its label: a person clicks the label.
  await page.locator("label", { hasText: /^Oui$/ }).click();
  expect(await page.getByLabel("Oui", { exact: true }).isChecked()).toBe(true);
  await page.getByLabel("Nom et prénom").fill("Inès Autrice");
  await page.getByLabel(/^Adresse électronique/).fill(AUTHOR);
  await page.getByRole("heading", { name: "Vos données personnelles" }).waitFor();
  // A person takes longer than the form's minimum time (1 s here) to fill it; a fast test does not.
  await page.waitForTimeout(1100);
  await page.getByRole("button", { name: "Recevoir le lien de confirmation" }).click();
  await page.getByRole("heading", { level: 1, name: "Vérifiez votre messagerie" }).waitFor();
  const link = /https?:\/\/\S+\/pratiques-inspirantes\/confirmer\?jeton=[a-z0-9]+/.exec(await app.lastMailTo(AUTHOR))![0];
  await page.goto(link);
  await page.getByRole("button", { name: "Confirmer ma proposition" }).click();
  await page.getByRole("heading", { level: 1, name: "Proposition confirmée" }).waitFor();
}

test("a visitor without JavaScript proposes a practice and confirms it; the pilote accepts it, completes the fiche and publishes it; it is on the site", async () => {
  const visitor = await browse({ javaScriptEnabled: false });
  await proposes(visitor.page);
  await screenshot(visitor.page, "pratique-proposee");

  // The pilote, from the login page, finds it in the space's queue and accepts it.
  const pilote = await browse();
  const page = pilote.page;
  await logIn(page, app.url, "pilote.grand-sud@atelier.test", undefined, "/connexion");
  await page.getByRole("heading", { level: 1, name: "Mes espaces" }).waitFor();
  await page.getByTestId("mes-espaces").getByRole("link", { name: GRAND_SUD, exact: true }).click();
  const queue = page.getByRole("region", { name: "Propositions de pratiques" });
  await queue.getByRole("heading", { name: TITLE }).waitFor();
  await queue.getByText("Lire la fiche proposée").click();
  await queue.getByText("Aidants familiaux").waitFor();
  await screenshot(page, "propositions");
  await queue.getByRole("button", { name: `Retenir comme fiche pratique « ${TITLE} »` }).click();

  // It is a draft fiche pratique of the space, its fields filled; the pilote completes one.
  await page.getByRole("heading", { level: 1, name: TITLE }).waitFor();
  await page.getByTestId("connection-state").getByText("Connecté", { exact: true }).waitFor();
  await editorOf(page).getByText("Chaque samedi matin").waitFor();
  await editorOf(page).getByRole("heading", { name: "Difficultés rencontrées" }).click();
  await page.keyboard.press("End");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.type(COMPLETED);
  // A photo of the project, pasted where the cursor is.
  await handOver(editorOf(page), "paste", [{ name: "permanence.png", base64: PNG_BASE64, mime: "image/png" }]);
  await editorOf(page).getByRole("img", { name: "permanence.png" }).waitFor();
  const documentId = new URL(page.url()).pathname.split("/").at(-1)!;
  await expect
    .poll(async () => (await (await page.request.get(`${app.url}/api/documents/${documentId}/content?format=html`)).json()).content)
    .toMatch(new RegExp(`${COMPLETED}.*<img src="/api/attachments/[0-9a-f-]{36}" alt="permanence.png">`));

  const publication = page.getByRole("region", { name: "Publication sur le site public" });
  await publication.getByText("Non publiée").waitFor();
  await publication.getByRole("button", { name: "Publier sur le site" }).click();
  await publication.getByText("Publiée", { exact: true }).waitFor();
  await screenshot(page, "fiche-publiee");

  // The visitor finds it on the site: the list, filtered, and its page with the completed field.
  await visitor.page.goto(app.url + "/");
  await visitor.page.getByRole("navigation", { name: "Menu principal" }).getByRole("link", { name: "Pratiques inspirantes" }).click();
  await visitor.page.getByRole("heading", { level: 1, name: "Pratiques inspirantes" }).waitFor();
  await visitor.page.getByLabel("Territoire").selectOption("sud-ouest");
  await visitor.page.getByRole("button", { name: "Afficher les pratiques" }).click();
  await visitor.page.getByText("Aucune pratique inspirante pour le moment.").waitFor();
  await visitor.page.getByLabel("Territoire").selectOption("grand-sud");
  await visitor.page.getByLabel("Public cible").selectOption("Aidants familiaux");
  await visitor.page.getByRole("button", { name: "Afficher les pratiques" }).click();
  await visitor.page.getByRole("link", { name: TITLE }).click();
  await visitor.page.getByRole("heading", { level: 1, name: TITLE }).waitFor();
  await visitor.page.getByRole("heading", { name: "Difficultés rencontrées" }).waitFor();
  await visitor.page.getByText(COMPLETED).waitFor();
  await screenshot(visitor.page, "pratique");
  // Its image comes from the practice's own address: loaded for anyone, with no session.
  const anyone = await browse();
  await anyone.page.goto(visitor.page.url());
  const photo = anyone.page.getByRole("main").getByRole("img", { name: "permanence.png" });
  expect(await photo.getAttribute("src")).toMatch(/^\/pratiques-inspirantes\/[a-z0-9-]+\/images\/[0-9a-f-]{36}$/);
  await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  expect(await anyone.page.context().cookies()).toEqual([]);

  // Taken off the site (its page is then a 404: practices.test.ts).
  await publication.getByRole("button", { name: "Retirer du site" }).click();
  await publication.getByText("Non publiée").waitFor();
}, 180_000);
