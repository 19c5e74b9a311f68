/**
 * Validated means frozen: the pilote validates the demo livrable of Grand-Sud from its status
 * panel; the membre who opens it cannot type and reads why; the pilote reopens it with a reason
 * and the membre writes again. Everything from the login page, each document reached from the
 * app's notifications.
 */
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, test } from "vitest";
import { openAs, openBrowser, screenshot, startApp, type App, type Browsing } from "./harness.js";

const PILOTE = "pilote.grand-sud@atelier.test";
const MEMBRE = "membre.grand-sud@atelier.test";
// The livrable a fresh demo install holds, submitted for review by the membre (see the server's demo seed).
const TITLE = "Assises interrégionales Grand-Sud : la place des usagers";
const FROZEN = "Ce document est validé : il ne peut plus être modifié. La pilote peut le rouvrir.";
const REASON = "Le COPIL du 4 décembre demande d'ajouter les chiffres de l'hébergement.";

let app: App;
let browse: () => Promise<Browsing>;
beforeAll(async () => {
  app = await startApp();
  browse = await openBrowser();
});

const as = (email: string) => openAs(browse, app.url, email);
const statusPanel = (page: Page) => page.getByTestId("statut-document");
const statusIs = (page: Page, label: string) => statusPanel(page).getByRole("heading", { name: `Statut : ${label}` }).waitFor();
const editorOf = (page: Page) => page.getByRole("textbox", { name: /^Texte du document/ });

/** From the bell, the notification that says `what`, followed to its document. */
async function followNotification(page: Page, what: RegExp) {
  await page.goto(`${app.url}/espaces`);
  await page.getByTestId("cloche").first().click();
  await page.getByRole("heading", { level: 1, name: "Mes notifications" }).waitFor();
  await page.getByTestId("notification").filter({ hasText: what }).first().getByRole("link").click();
  await page.getByRole("heading", { level: 1, name: TITLE }).waitFor();
}

const contentOf = async (page: Page) => {
  const id = new URL(page.url()).pathname.split("/").at(-1)!;
  return (await (await page.request.get(`${app.url}/api/documents/${id}/content`)).json()).content as string;
};

describe("a validated document is frozen until the pilote reopens it", () => {
  test("the pilote validates; the membre cannot type and reads why; the pilote reopens with a reason; the membre writes again", async () => {
    // The pilote is told the livrable waits for him, opens it and validates it.
    const paul = await as(PILOTE);
    await followNotification(paul.page, /l'a passé au statut « En relecture »/);
    await statusIs(paul.page, "En relecture");
    await paul.page.getByTestId("connection-state").getByText("Connecté", { exact: true }).waitFor();
    await statusPanel(paul.page).getByRole("button", { name: "Valider" }).click();
    await statusIs(paul.page, "Validé");
    // His own editor says it at once, and offers no toolbar.
    await paul.page.getByTestId("read-only").getByText(FROZEN).waitFor();
    await expect.poll(() => editorOf(paul.page).getAttribute("aria-readonly")).toBe("true");
    expect(await paul.page.getByRole("toolbar").count()).toBe(0);
    await screenshot(paul.page, "document-valide");

    // The membre follows the news of the validation: the text is read-only and the editor says why.
    const marie = await as(MEMBRE);
    await followNotification(marie.page, /l'a passé au statut « Validé »/);
    await statusIs(marie.page, "Validé");
    await marie.page.getByTestId("connection-state").getByText("Connecté", { exact: true }).waitFor();
    await marie.page.getByTestId("read-only").getByText(FROZEN).waitFor();
    const before = await contentOf(marie.page);
    await editorOf(marie.page).getByRole("heading", { name: "Contexte" }).click();
    await marie.page.keyboard.press("End");
    await marie.page.keyboard.type(" Ajout après validation.");
    expect(await editorOf(marie.page).innerText()).not.toContain("Ajout après validation.");
    expect(await editorOf(marie.page).getAttribute("aria-readonly")).toBe("true");
    // Nothing was offered to her in the status panel either: reopening is the pilote's.
    expect(await statusPanel(marie.page).getByRole("button").count()).toBe(0);
    expect(await contentOf(marie.page)).toBe(before);
    await screenshot(marie.page, "document-valide-membre");

    // The pilote reopens it; the reason is required, then kept in the history with his name.
    await statusPanel(paul.page).getByRole("button", { name: "Rouvrir" }).click();
    await statusPanel(paul.page).getByRole("button", { name: "Rouvrir le document" }).click();
    await statusPanel(paul.page).getByText("Le champ « Motif de la réouverture » est obligatoire.").waitFor();
    await statusPanel(paul.page).getByLabel(/Motif de la réouverture/).fill(REASON);
    await statusPanel(paul.page).getByRole("button", { name: "Rouvrir le document" }).click();
    await statusIs(paul.page, "Brouillon");
    await statusPanel(paul.page).getByText(/^Historique du statut/).click();
    expect(await statusPanel(paul.page).innerText()).toContain("Paul Pilote : Validé → Brouillon");
    expect(await statusPanel(paul.page).innerText()).toContain(REASON);
    // His editor is writable again without reloading the page.
    await expect.poll(() => editorOf(paul.page).getAttribute("aria-readonly")).toBe("false");
    expect(await paul.page.getByTestId("read-only").count()).toBe(0);

    // The membre hears of it, with the reason, and writes again.
    await followNotification(marie.page, /l'a rouvert pour modification/);
    await statusIs(marie.page, "Brouillon");
    await marie.page.getByTestId("connection-state").getByText("Connecté", { exact: true }).waitFor();
    await expect.poll(() => editorOf(marie.page).getAttribute("aria-readonly")).toBe("false");
    expect(await marie.page.getByTestId("read-only").count()).toBe(0);
    await editorOf(marie.page).getByRole("heading", { name: "Contexte" }).click();
    await marie.page.keyboard.press("End");
    await marie.page.keyboard.press("ArrowDown");
    await marie.page.keyboard.type("Hébergement : 1 200 places recensées.");
    await expect.poll(() => contentOf(marie.page)).toContain("Hébergement : 1 200 places recensées.");
  });
});
