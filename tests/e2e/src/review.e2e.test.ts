/**
 * The review panel of the editor page in Chromium: comment a selected passage with an @mention,
 * answer and resolve it as another person; name a version, compare it with the text, restore it.
 */
import { DocumentReply, Me } from "@atelier/shared";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, test } from "vitest";
import { openAs, openBrowser, screenshot, startApp, type App, type Browsing } from "./harness.js";

const MEMBRE = "membre.grand-sud@atelier.test";
const LECTEUR = "lecteur.grand-sud@atelier.test";

let app: App;
let browse: () => Promise<Browsing>;
beforeAll(async () => {
  app = await startApp();
  browse = await openBrowser();
});

const as = (email: string, path = "/espaces") => openAs(browse, app.url, email, path);

async function newDocument(page: Page) {
  const spaceId = await app.spaceId("grand-sud");
  const r = await page.request.post(`${app.url}/api/spaces/${spaceId}/documents`, {
    data: { title: "Livrable relu", kind: "livrable" },
    headers: { origin: app.url },
  });
  expect(r.status()).toBe(201);
  return DocumentReply.parse(await r.json()).document.id;
}

const editorOf = (page: Page) => page.getByRole("textbox", { name: /^Texte du document/ });
const connected = (page: Page) => page.getByTestId("connection-state").getByText("Connecté", { exact: true }).waitFor();
const panel = (page: Page) => page.getByRole("complementary", { name: "Commentaires et historique" });

async function writeUnder(page: Page, section: string, text: string) {
  await editorOf(page).getByRole("heading", { name: section }).click();
  await page.keyboard.press("End");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("End");
  await page.keyboard.type(text);
}

describe("review panel", () => {
  test("comment a selected passage with a mention; another reader answers and resolves it", async () => {
    const lecteurName = await (async () => {
      const b = await as(LECTEUR);
      const me = Me.parse((await (await b.page.request.get(`${app.url}/api/me`)).json()).user);
      await b.page.context().close();
      return `${me.firstName} ${me.lastName}`;
    })();
    const marie = await as(MEMBRE);
    const documentId = await newDocument(marie.page);
    const page = marie.page;
    await page.goto(`${app.url}/documents/${documentId}`);
    await connected(page);
    await writeUnder(page, "Contexte", "Le territoire compte trois régions");
    for (let i = 0; i < "trois régions".length; i++) await page.keyboard.press("Shift+ArrowLeft");

    await page.getByRole("button", { name: "Commentaires et historique" }).click();
    // The panel opens below the site's header, not over it.
    const header = (await page.getByRole("banner").boundingBox())!;
    expect((await panel(page).boundingBox())!.y).toBeGreaterThanOrEqual(header.y + header.height);
    await panel(page).getByRole("button", { name: "Commenter la sélection" }).click();
    await panel(page).getByText("« trois régions »").waitFor();
    const field = panel(page).getByRole("combobox", { name: /Votre commentaire/ });
    await field.fill(`Lesquelles ? @${lecteurName.slice(0, 3)}`);
    await panel(page).getByRole("option", { name: new RegExp(lecteurName) }).waitFor();
    await field.press("Enter");
    expect(await field.inputValue()).toBe(`Lesquelles ? @${lecteurName} `);
    await panel(page).getByRole("button", { name: "Publier" }).click();
    await panel(page).getByRole("heading", { name: "Discussions ouvertes (1)" }).waitFor();
    // The passage is highlighted in the text.
    await editorOf(page).locator(".atelier-comment", { hasText: "trois régions" }).waitFor();
    await screenshot(page, "relecture-commentaire");

    const lecteur = await as(LECTEUR, `/documents/${documentId}`);
    await connected(lecteur.page);
    await lecteur.page.getByRole("button", { name: "Commentaires et historique" }).click();
    const thread = panel(lecteur.page).getByRole("region", { name: "Discussion sur « trois régions »" });
    await thread.getByText(`Lesquelles ? @${lecteurName}`).waitFor();
    await thread.getByRole("combobox", { name: /Répondre/ }).fill("Provence-Alpes-Côte d'Azur, Corse et Occitanie.");
    await thread.getByRole("button", { name: "Répondre", exact: true }).click();
    await thread.getByText("Provence-Alpes-Côte d'Azur, Corse et Occitanie.").waitFor();
    await thread.getByRole("button", { name: "Résoudre" }).click();
    await panel(lecteur.page).getByRole("heading", { name: "Discussions ouvertes (0)" }).waitFor();
    await panel(lecteur.page).getByText("Discussions résolues (1)").waitFor();
  });

  test("name the current state, compare it with the text written since, and restore it", async () => {
    const marie = await as(MEMBRE);
    const documentId = await newDocument(marie.page);
    const page = marie.page;
    await page.goto(`${app.url}/documents/${documentId}`);
    await connected(page);
    await writeUnder(page, "Contexte", "Version présentée au comité.");
    await expect
      .poll(async () => (await (await page.request.get(`${app.url}/api/documents/${documentId}/content`)).json()).content)
      .toContain("Version présentée au comité.");

    await page.getByRole("button", { name: "Commentaires et historique" }).click();
    await panel(page).getByRole("tab", { name: "Historique" }).click();
    await panel(page).getByLabel(/Nommer l'état actuel/).fill("présentée au COPIL du 4 décembre");
    await panel(page).getByRole("button", { name: "Enregistrer le nom" }).click();
    const version = panel(page).getByRole("listitem").filter({ hasText: "présentée au COPIL du 4 décembre" });
    await version.waitFor();

    await writeUnder(page, "Leviers d'actions", "Un ajout après le comité.");
    await expect
      .poll(async () => (await (await page.request.get(`${app.url}/api/documents/${documentId}/content`)).json()).content)
      .toContain("Un ajout après le comité.");
    await version.getByRole("button", { name: "Comparer avec le texte actuel" }).click();
    await panel(page).locator("ins", { hasText: "Un ajout après le comité." }).waitFor();
    await screenshot(page, "relecture-comparaison");

    await version.getByRole("button", { name: "Restaurer" }).click();
    await version.getByRole("button", { name: "Confirmer la restauration" }).click();
    await expect.poll(() => editorOf(page).innerText()).not.toContain("Un ajout après le comité.");
    expect(await editorOf(page).innerText()).toContain("Version présentée au comité.");
    await panel(page).getByText("Restauration de la version du", { exact: false }).first().waitFor();
  });
});
