/**
 * The public site as people use it: a pilote prepares and publishes an event from the space page; a
 * visitor with no account, whose browser runs no JavaScript, finds it from the public home and adds
 * it to their calendar; another visitor, with JavaScript, filters the list by territory; the pilote
 * cancels it and the visitors see it cancelled. axe-core audits every page on the way (harness).
 */
import ICAL from "ical.js";
import type { Page } from "playwright-core";
import { readFile } from "node:fs/promises";
import { beforeAll, expect, test } from "vitest";
import { mailsTo } from "@atelier/server/src/mail/test-outbox.js";
import type { TestServer } from "@atelier/server/test/harness.js";
import { logIn, openBrowser, screenshot, startApp, type App, type Browse } from "./harness.js";

let app: App;
let browse: Browse;
beforeAll(async () => {
  // A person takes more than a second to fill the registration form; the robots' threshold stays on.
  app = await startApp(undefined, { PUBLIC_FORM_MIN_SECONDS: "1" });
  browse = await openBrowser();
});

const GRAND_SUD = "COPIL territorial Grand-Sud";
const TITLE = "Assises interrégionales du Grand-Sud";

async function pilotePublishes(page: Page) {
  await logIn(page, app.url, "pilote.grand-sud@atelier.test");
  await page.getByRole("heading", { level: 1, name: "Mes espaces" }).waitFor();
  await page.getByTestId("mes-espaces").getByRole("link", { name: GRAND_SUD, exact: true }).click();
  const section = page.getByRole("region", { name: "Événements" });
  await section.getByRole("heading", { name: "Nouvel événement" }).waitFor();
  await section.getByLabel("Type d'événement").selectOption("assises-interregionales");
  await section.getByLabel("Titre").fill(TITLE);
  await section.getByLabel(/^Résumé/).fill("Premier livrable : état des lieux et pratiques inspirantes.");
  await section.getByLabel("Début").fill("2027-01-31T09:30");
  await section.getByLabel("Fin").fill("2027-01-31T17:00");
  await section.getByLabel(/^Lieu/).fill("Palais du Pharo");
  await section.getByLabel("Adresse", { exact: true }).fill("58 boulevard Charles Livon, 13007 Marseille");
  // The DSFR draws the box over its label: a person clicks the label.
  await section.locator("label", { hasText: "Publier sur le site public" }).click();
  expect(await section.getByLabel(/^Publier sur le site public/).isChecked()).toBe(true);
  await section.locator("label", { hasText: "Ouvrir les inscriptions" }).click();
  await section.getByLabel(/^Nombre de places/).fill("30");
  await section.getByRole("button", { name: "Créer l'événement" }).click();
  await section.getByText(`Événement « ${TITLE} » créé et publié.`).waitFor();
  await section.getByTestId("evenements").getByRole("listitem").filter({ hasText: TITLE }).first().getByText("Publié").waitFor();
  await screenshot(page, "espace-evenements");
}

/** The link to `page` in the last mail to `email`, as the visitor opens it from their mailbox. */
async function linkInMail(email: string, page: string) {
  const text = await app.lastMailTo(email);
  return new RegExp(`https?://[^\\s]+${page}\\?jeton=[a-z0-9]+`).exec(text)![0];
}

/** The visitor registers from the event's page, then confirms from the link mailed to them. */
async function registers(page: Page, email: string) {
  await page.getByRole("heading", { name: "S'inscrire" }).waitFor();
  await page.getByLabel("Nom et prénom").fill("Léa Bénévole");
  await page.getByLabel("Groupe d'acteurs").selectOption("Bénévoles");
  await page.getByLabel(/^Adresse électronique/).fill(email);
  // A person takes longer than the form's minimum time (PUBLIC_FORM_MIN_SECONDS, 1 s here) to fill it;
  // a test on a fast machine does not, and would be refused as a robot.
  await page.waitForTimeout(1100);
  await page.getByRole("button", { name: "Recevoir le lien de confirmation" }).click();
  await page.getByRole("heading", { level: 1, name: "Vérifiez votre messagerie" }).waitFor();
  await page.goto(await linkInMail(email, "/inscriptions/confirmer"));
  await page.getByRole("button", { name: "Confirmer mon inscription" }).click();
  await page.getByRole("heading", { level: 1, name: "Inscription confirmée" }).waitFor();
  const [mail] = (await mailsTo({ services: app.services } as TestServer, email)).slice(-1);
  expect(mail!.subject).toBe(`Inscription confirmée : ${TITLE}`);
  expect(mail!.attachments.map((a) => a.filename)).toEqual([expect.stringMatching(/\.ics$/)]);
}

/** Every DSFR icon the page shows is drawn: its class exists in the served icon stylesheet (a class the
 * stylesheet lacks draws a plain square). */
async function iconsDrawn(page: Page) {
  const missing = await page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>("[class*='fr-icon-']"))
      .filter((el) => getComputedStyle(el, "::before").maskImage === "none" && getComputedStyle(el, "::after").maskImage === "none")
      .map((el) => el.className),
  );
  expect(missing).toEqual([]);
}

test("a pilote publishes an event; a visitor without JavaScript finds it from the home, adds it to their calendar, registers and cancels; the pilote cancels it", async () => {
  const pilote = await browse();
  await pilotePublishes(pilote.page);

  // A visitor with no account and no JavaScript.
  const { page } = await browse({ javaScriptEnabled: false });
  await page.goto(app.url + "/");
  await page.getByRole("heading", { level: 1, name: "États généraux du travail social" }).waitFor();
  expect(await page.title()).toBe("États généraux du travail social");
  await page.getByRole("link", { name: "Se connecter" }).waitFor();
  await iconsDrawn(page);
  await screenshot(page, "site-accueil");
  await page.getByRole("region", { name: "Prochains événements" }).getByRole("link", { name: TITLE }).click();
  await page.getByRole("heading", { level: 1, name: TITLE }).waitFor();
  expect(await page.title()).toBe(`${TITLE} — États généraux du travail social`);
  await page.getByText("dimanche 31 janvier 2027, de 09:30 à 17:00").waitFor();
  await iconsDrawn(page);
  await screenshot(page, "site-evenement");

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Ajouter à mon agenda" }).click()]);
  const ics = await readFile((await download.path())!, "utf8");
  const vevent = new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent("vevent")!;
  const event = new ICAL.Event(vevent);
  expect(event.summary).toBe(TITLE);
  expect(event.startDate.toString()).toBe("2027-01-31T09:30:00");
  expect(vevent.getFirstProperty("dtstart")?.getParameter("tzid")).toBe("Europe/Paris");

  await registers(page, "lea@exemple.fr");
  await screenshot(page, "site-inscription-confirmee");

  // A visitor with JavaScript filters the list by territory, with the form as it is.
  const other = await browse();
  await other.page.goto(app.url + "/");
  await other.page.getByRole("navigation", { name: "Menu principal" }).getByRole("link", { name: "Événements" }).click();
  await other.page.getByRole("heading", { level: 1, name: "Événements" }).waitFor();
  await other.page.getByLabel("Territoire").selectOption("sud-ouest");
  await other.page.getByRole("button", { name: "Afficher les événements" }).click();
  await other.page.getByText("Aucun événement pour le moment.").waitFor();
  await other.page.getByLabel("Territoire").selectOption("grand-sud");
  await other.page.getByRole("button", { name: "Afficher les événements" }).click();
  await other.page.getByRole("link", { name: TITLE }).waitFor();
  await other.page.getByRole("link", { name: "Calendrier des événements de Grand-Sud (.ics)" }).waitFor();
  await screenshot(other.page, "site-evenements");
  await other.page.getByRole("link", { name: TITLE }).click();
  await registers(other.page, "paul@exemple.fr");

  // The pilote sees them; the first visitor cancels from the link in their mail.
  await pilote.page.reload();
  await pilote.page.getByRole("region", { name: "Événements" }).getByText("2 inscrits confirmés pour 30 places").waitFor();
  await page.goto(await linkInMail("lea@exemple.fr", "/inscriptions/annuler"));
  await page.getByRole("button", { name: "Annuler mon inscription" }).click();
  await page.getByRole("heading", { level: 1, name: "Inscription annulée" }).waitFor();
  await page.goto(`${app.url}/evenements`);
  await page.getByRole("link", { name: TITLE }).click();
  await page.getByText("29 places restantes sur 30.").waitFor();

  // The pilote cancels it: the visitor's page says so.
  const section = pilote.page.getByRole("region", { name: "Événements" });
  await section.getByRole("button", { name: `Annuler l'événement « ${TITLE} »` }).click();
  await section.getByRole("button", { name: `Confirmer l'annulation de « ${TITLE} »` }).click();
  await section.getByTestId("evenements").getByRole("listitem").filter({ hasText: TITLE }).first().getByText("Annulé").waitFor();
  await page.reload();
  await page.getByText("Cet événement est annulé.").waitFor();
  // Two visitors and a pilote in one journey: longer than the default on a loaded machine.
}, 180_000);

test("a signed-in member finds 'Mes espaces' in the public header, one click away", async () => {
  const { page } = await browse();
  await logIn(page, app.url, "membre.grand-sud@atelier.test");
  await page.getByRole("heading", { level: 1, name: "Mes espaces" }).waitFor();
  await page.goto(app.url + "/");
  await page.getByRole("link", { name: "Mes espaces" }).click();
  await page.getByRole("heading", { level: 1, name: "Mes espaces" }).waitFor();
  expect(new URL(page.url()).pathname).toBe("/espaces");
});

test("a visitor reads from the home's footer how long their personal data is kept; so does a member from the app's footer", async () => {
  const { page } = await browse({ javaScriptEnabled: false });
  await page.goto(app.url + "/");
  await page.getByRole("contentinfo").getByRole("link", { name: "Données personnelles" }).click();
  await page.getByRole("heading", { level: 1, name: "Données personnelles" }).waitFor();
  const durations = page.getByRole("table", { name: "Ce qui est conservé, et combien de temps" });
  await expect.poll(() => durations.getByRole("row", { name: /Notifications/ }).textContent()).toContain("supprimées 180 jours après leur envoi");
  expect(await durations.getByRole("row", { name: /Comptes inutilisés/ }).textContent()).toContain("après 3 ans sans connexion");
  await screenshot(page, "donnees-personnelles");

  const member = (await browse()).page;
  await logIn(member, app.url, "membre.grand-sud@atelier.test");
  await member.getByRole("heading", { level: 1, name: "Mes espaces" }).waitFor();
  await member.getByRole("contentinfo").getByRole("link", { name: "Données personnelles" }).click();
  await member.getByRole("heading", { level: 1, name: "Données personnelles" }).waitFor();
});
