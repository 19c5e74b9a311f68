/**
 * An event's compte rendu written in the space: the pilote writes it as a collaborative document (a
 * photo of the room pasted in), then, the event being over, chooses it from the event's screen and
 * publishes it; a visitor with no session reads its text on the event's public page, its image loaded.
 * axe-core audits every page on the way (harness).
 */
import type { Page } from "playwright-core";
import { beforeAll, expect, test } from "vitest";
import { handOver, PNG_BASE64 } from "./clipboard.js";
import { logIn, openBrowser, screenshot, startApp, type App, type Browse } from "./harness.js";

let app: App;
let browse: Browse;
let grandSud: string;
beforeAll(async () => {
  app = await startApp();
  browse = await openBrowser();
  grandSud = await app.spaceId("grand-sud");
});

const TITLE = "COPIL ouvert de Toulon";
const REPORT = "Compte rendu du COPIL ouvert de Toulon";
const SAID = "Trente-deux participants ont demandé un second COPIL ouvert au printemps.";

const editorOf = (page: Page) => page.getByRole("textbox", { name: /^Texte du document/ });

test("the pilote publishes a document of the space as the compte rendu of an event over; a visitor reads it on the event's page", async () => {
  const { page } = await browse();
  await logIn(page, app.url, "pilote.grand-sud@atelier.test", undefined, `/espaces/${grandSud}`);

  // The compte rendu, written in the space from its template, a photo of the room pasted in.
  await page.getByRole("button", { name: "Nouveau document" }).click();
  const dialog = page.getByRole("dialog", { name: "Nouveau document" });
  await dialog.locator("label", { hasText: /^Compte rendu de COPIL/ }).click();
  await dialog.getByLabel("Titre").fill(REPORT);
  await dialog.getByRole("button", { name: "Créer et ouvrir" }).click();
  await page.getByRole("heading", { level: 1, name: REPORT }).waitFor();
  await page.getByTestId("connection-state").getByText("Connecté", { exact: true }).waitFor();
  await editorOf(page).getByRole("heading", { name: "Date de la réunion" }).click();
  await page.keyboard.press("End");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.type(SAID);
  await handOver(editorOf(page), "paste", [{ name: "salle.png", base64: PNG_BASE64, mime: "image/png" }]);
  await editorOf(page).getByRole("img", { name: "salle.png" }).waitFor();
  const documentId = new URL(page.url()).pathname.split("/").at(-1)!;
  await expect
    .poll(async () => (await (await page.request.get(`${app.url}/api/documents/${documentId}/content?format=html`)).json()).content)
    .toMatch(new RegExp(`${SAID}.*<img src="/api/attachments/[0-9a-f-]{36}" alt="salle.png">`));

  // The event, held last month, published from the space's page.
  await page.goto(`${app.url}/espaces/${grandSud}`);
  const section = page.getByRole("region", { name: "Événements" });
  await section.getByRole("heading", { name: "Nouvel événement" }).waitFor();
  await section.getByLabel("Titre").fill(TITLE);
  await section.getByLabel("Début").fill("2026-11-05T14:00");
  await section.getByLabel("Fin").fill("2026-11-05T17:00");
  await section.getByLabel(/^Lieu/).fill("Mairie de Toulon");
  await section.getByLabel("Adresse", { exact: true }).fill("Avenue de la République, 83000 Toulon");
  await section.locator("label", { hasText: "Publier sur le site public" }).click();
  await section.getByRole("button", { name: "Créer l'événement" }).click();
  await section.getByText(`Événement « ${TITLE} » créé et publié.`).waitFor();

  // Over, it takes its compte rendu from the event's screen.
  await section.getByRole("button", { name: `Documents de « ${TITLE} »` }).click();
  const report = page.getByRole("region", { name: `Compte rendu de « ${TITLE} »` });
  await report.getByLabel("Document de l'espace").selectOption({ label: REPORT });
  await report.getByRole("button", { name: "Publier le compte rendu" }).click();
  await report.getByTestId("compte-rendu-publie").getByText(`« ${REPORT} » est publié sur la page de l'événement`).waitFor();
  await report.getByRole("button", { name: "Mettre à jour sur le site" }).waitFor();
  await screenshot(page, "evenement-compte-rendu");

  // A visitor with no session finds it among the past events and reads it, its image loaded.
  const visitor = (await browse()).page;
  await visitor.goto(`${app.url}/evenements?quand=passes`);
  await visitor.getByRole("link", { name: TITLE }).click();
  const published = visitor.getByRole("region", { name: "Compte rendu" });
  await published.getByText(SAID).waitFor();
  const photo = published.getByRole("img", { name: "salle.png" });
  expect(await photo.getAttribute("src")).toMatch(/^\/evenements\/[a-z0-9-]+\/images\/[0-9a-f-]{36}$/);
  await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  expect(await visitor.context().cookies()).toEqual([]);
  await screenshot(visitor, "site-evenement-compte-rendu");
}, 180_000);
