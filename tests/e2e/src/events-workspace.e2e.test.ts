/**
 * An event's life in the workspace after it is published: the pilote puts the programme in the
 * space's library, attaches it to the event and writes to the registrants; a visitor without an
 * account (and without JavaScript) registered beforehand, receives the mail and downloads the
 * programme from the public page. axe-core audits every page on the way (harness).
 */
import { readFile } from "node:fs/promises";
import { beforeAll, expect, test } from "vitest";
import { logIn, openBrowser, screenshot, startApp, type App, type Browse } from "./harness.js";

let app: App;
let browse: Browse;
let grandSud: string;
beforeAll(async () => {
  // A person takes more than a second to fill the registration form; the robots' threshold stays on.
  app = await startApp(undefined, { PUBLIC_FORM_MIN_SECONDS: "1" });
  browse = await openBrowser();
  grandSud = await app.spaceId("grand-sud");
});

const TITLE = "Rencontre régionale de Marseille";
const PDF =
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj " +
  "3 0 obj<</Type/Page/MediaBox[0 0 200 200]/Parent 2 0 R>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";

/** The link to `page` in the last mail to `email`, as the visitor opens it from their mailbox. */
async function linkInMail(email: string, page: string) {
  return new RegExp(`https?://[^\\s]+${page}\\?jeton=[a-z0-9]+`).exec(await app.lastMailTo(email))![0];
}

test("the pilote attaches the programme from the library and writes to the registrants; a visitor downloads it from the public page", async () => {
  const { page } = await browse();
  await logIn(page, app.url, "pilote.grand-sud@atelier.test", undefined, `/espaces/${grandSud}/documents-ressources`);
  await page.getByRole("heading", { level: 1, name: "Documents ressources" }).waitFor();
  // The programme goes into the library, chosen in the file picker.
  await page.getByLabel("Choisir des fichiers").setInputFiles({ name: "programme-rencontre.pdf", mimeType: "application/pdf", buffer: Buffer.from(PDF) });
  await page.getByRole("button", { name: "Modifier les informations de programme-rencontre.pdf" }).click({ timeout: 20_000 });
  const info = page.getByRole("form", { name: "Informations de programme-rencontre.pdf" });
  await info.getByLabel("Titre").fill("Programme de la rencontre");
  await info.getByRole("button", { name: "Enregistrer les informations" }).click();
  await expect.poll(() => page.getByTestId("annonces").textContent()).toContain("Informations de « Programme de la rencontre » enregistrées.");

  // The event, published with registration open, from the space's page.
  await page.goto(`${app.url}/espaces/${grandSud}`);
  const section = page.getByRole("region", { name: "Événements" });
  await section.getByRole("heading", { name: "Nouvel événement" }).waitFor();
  await section.getByLabel("Titre").fill(TITLE);
  await section.getByLabel("Début").fill("2027-03-10T09:00");
  await section.getByLabel("Fin").fill("2027-03-10T12:00");
  await section.getByLabel(/^Lieu/).fill("Hôtel de région");
  await section.getByLabel("Adresse", { exact: true }).fill("27 place Jules Guesde, 13002 Marseille");
  await section.locator("label", { hasText: "Publier sur le site public" }).click();
  await section.locator("label", { hasText: "Ouvrir les inscriptions" }).click();
  await section.getByRole("button", { name: "Créer l'événement" }).click();
  await section.getByText(`Événement « ${TITLE} » créé et publié.`).waitFor();

  // A visitor without JavaScript registers and confirms from the mail.
  const visitor = (await browse({ javaScriptEnabled: false })).page;
  await visitor.goto(`${app.url}/evenements`);
  await visitor.getByRole("link", { name: TITLE }).click();
  await visitor.getByLabel("Nom et prénom").fill("Léa Bénévole");
  await visitor.getByLabel("Groupe d'acteurs").selectOption("Bénévoles");
  await visitor.getByLabel(/^Adresse électronique/).fill("lea@exemple.fr");
  // Longer than the form's minimum time (1 s here), as a person takes.
  await visitor.waitForTimeout(1100);
  await visitor.getByRole("button", { name: "Recevoir le lien de confirmation" }).click();
  await visitor.getByRole("heading", { level: 1, name: "Vérifiez votre messagerie" }).waitFor();
  await visitor.goto(await linkInMail("lea@exemple.fr", "/inscriptions/confirmer"));
  await visitor.getByRole("button", { name: "Confirmer mon inscription" }).click();
  await visitor.getByRole("heading", { level: 1, name: "Inscription confirmée" }).waitFor();

  // The pilote attaches the programme to the event.
  await page.reload();
  await section.getByText("1 inscrit confirmé").waitFor();
  await section.getByRole("button", { name: `Documents de « ${TITLE} »` }).click();
  const documents = page.getByRole("region", { name: `Documents de « ${TITLE} »` });
  await documents.getByText("Aucun document n'est encore publié avec cet événement.").waitFor();
  await documents.getByLabel("Fichier de la bibliothèque").selectOption({ label: "Programme de la rencontre" });
  await documents.getByLabel("Publier comme").selectOption({ label: "Document de l'événement (programme, présentation…)" });
  await documents.getByRole("button", { name: "Joindre à l'événement" }).click();
  await documents.getByTestId("documents-evenement").getByText(/Programme de la rencontre/).waitFor();
  await screenshot(page, "evenement-documents");

  // …and writes to the registrants.
  await section.getByRole("button", { name: `Écrire aux inscrits de « ${TITLE} »` }).click();
  const mail = page.getByRole("form", { name: `Écrire aux inscrits de « ${TITLE} »` });
  await mail.getByLabel("Objet").fill("Programme en ligne");
  await mail.getByLabel("Message").fill("Le programme de la rencontre est en ligne sur la page de l'événement.");
  await screenshot(page, "evenement-courriel-inscrits");
  await mail.getByRole("button", { name: "Envoyer aux inscrits" }).click();
  await section.getByText("Courriel « Programme en ligne » envoyé à 1 inscrit.").waitFor();
  expect(await app.lastMailTo("lea@exemple.fr")).toContain("Le programme de la rencontre est en ligne sur la page de l'événement.");

  // The visitor finds it on the event's page and downloads it.
  await visitor.goto(`${app.url}/evenements`);
  await visitor.getByRole("link", { name: TITLE }).click();
  const published = visitor.getByRole("region", { name: "Documents" });
  await published.getByText("PDF – 1 Ko").waitFor();
  await screenshot(visitor, "site-evenement-documents");
  const [download] = await Promise.all([visitor.waitForEvent("download"), published.getByRole("link", { name: /Programme de la rencontre/ }).click()]);
  expect(download.suggestedFilename()).toBe("programme-rencontre.pdf");
  expect(await readFile((await download.path())!, "utf8")).toBe(PDF);
}, 180_000);
