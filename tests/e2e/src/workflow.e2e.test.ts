/**
 * The review journey across levels: a territorial pilote takes a livrable through the workflow,
 * the national team finds it on its dashboard, comments and sends it back, and the pilote is told.
 */
import { DocumentReply } from "@atelier/shared";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, test } from "vitest";
import { accessibleName, openAs, openBrowser, screenshot, startApp, type App, type Browsing } from "./harness.js";

const PILOTE = "pilote.grand-sud@atelier.test";
const NATIONAL = "national@atelier.test";
const TITLE = "Livrable des Assises Grand-Sud";
const SENTENCE = "Les partenaires du territoire se mobilisent pour l'accueil.";

let app: App;
let browse: () => Promise<Browsing>;
beforeAll(async () => {
  app = await startApp();
  browse = await openBrowser();
});

const as = (email: string, path = "/espaces") => openAs(browse, app.url, email, path);

const post = async (page: Page, path: string, data: unknown) => {
  const r = await page.request.post(app.url + path, { data, headers: { origin: app.url } });
  return { status: r.status(), body: await r.json() };
};

const statusPanel = (page: Page) => page.getByTestId("statut-document");
const statusIs = (page: Page, label: string) => statusPanel(page).getByRole("heading", { name: `Statut : ${label}` }).waitFor();

const editorOf = (page: Page) => page.getByRole("textbox", { name: /^Texte du document/ });
const threadOn = (page: Page) => page.getByRole("region", { name: `Discussion sur « ${SENTENCE} »` });

describe("reviewing a livrable across levels", () => {
  test("pilote → en relecture → validé → transmis; the national team sees it, comments, sends it back; the pilote is told, answers and resolves", async () => {
    // The pilote writes a sentence in a new livrable and takes it through the workflow.
    const paul = await as(PILOTE);
    const spaceId = await app.spaceId("grand-sud");
    const created = await post(paul.page, `/api/spaces/${spaceId}/documents`, { title: TITLE, kind: "livrable" });
    expect(created.status).toBe(201);
    const documentId = DocumentReply.parse(created.body).document.id;
    await paul.page.goto(`${app.url}/documents/${documentId}`);
    await paul.page.getByTestId("connection-state").getByText("Connecté", { exact: true }).waitFor();
    await editorOf(paul.page).getByRole("heading", { name: "Contexte" }).click();
    await paul.page.keyboard.press("End");
    await paul.page.keyboard.press("ArrowDown");
    await paul.page.keyboard.type(SENTENCE);
    await expect
      .poll(async () => (await (await paul.page.request.get(`${app.url}/api/documents/${documentId}/content`)).json()).content)
      .toContain(SENTENCE);

    await statusIs(paul.page, "Brouillon");
    for (const [button, label] of [
      ["Soumettre à la relecture", "En relecture"],
      ["Valider", "Validé"],
      ["Transmettre au national", "Transmis au national"],
    ] as const) {
      await statusPanel(paul.page).getByRole("button", { name: button }).click();
      await statusIs(paul.page, label);
    }
    // Nothing more is the pilote's to do; the history says who did what.
    expect(await statusPanel(paul.page).getByRole("button").count()).toBe(0);
    await statusPanel(paul.page).getByText("Historique du statut (3)").click();
    expect(await statusPanel(paul.page).innerText()).toContain("Paul Pilote : Validé → Transmis au national");
    await screenshot(paul.page, "statut-transmis");

    // The national reviewer opens the dashboard from the navigation and finds it.
    const nadia = await as(NATIONAL);
    await nadia.page.getByRole("link", { name: "Tableau de bord national" }).first().click();
    await nadia.page.getByRole("heading", { level: 1, name: "Tableau de bord national" }).waitFor();
    const row = nadia.page.getByRole("row", { name: /COPIL territorial Grand-Sud/ });
    await row.getByRole("link", { name: TITLE }).waitFor();
    // Badges are shown in capitals: compare the text itself.
    expect(await row.textContent()).toContain("Transmis au national");
    // A territory without any livrable says so.
    expect(await nadia.page.getByRole("row", { name: /COPIL territorial Nord/ }).textContent()).toContain("Aucun livrable pour l'instant");
    await nadia.page.getByLabel("Statut").selectOption("transmis");
    await nadia.page.waitForURL(/status=transmis/);
    await expect
      .poll(() => nadia.page.getByRole("link", { name: /Télécharger le tableau/ }).getAttribute("href"))
      .toBe("/api/dashboard?status=transmis&format=csv");
    await screenshot(nadia.page, "tableau-de-bord");
    await row.getByRole("link", { name: TITLE }).click();
    await nadia.page.getByRole("heading", { level: 1, name: TITLE }).waitFor();
    await statusIs(nadia.page, "Transmis au national");

    // She selects the sentence, comments on it in the review panel, then sends the livrable back.
    await nadia.page.getByRole("button", { name: "Commentaires et historique" }).click();
    await editorOf(nadia.page).getByText(SENTENCE).click({ clickCount: 3 });
    await nadia.page.getByRole("button", { name: "Commenter la sélection" }).click();
    const draft = nadia.page.getByRole("form", { name: "Nouveau commentaire" });
    expect(await draft.innerText()).toContain(SENTENCE);
    await draft.getByLabel("Votre commentaire").fill("Lesquels ? Citez les partenaires mobilisés.");
    await draft.getByRole("button", { name: "Publier" }).click();
    await threadOn(nadia.page).waitFor();
    await statusPanel(nadia.page).getByRole("button", { name: "Demander des modifications" }).click();
    await nadia.page.getByLabel(/Modifications demandées/).fill("Merci de citer les partenaires de la page 2.");
    await statusPanel(nadia.page).getByRole("button", { name: "Envoyer la demande de modifications" }).click();
    await statusIs(nadia.page, "Modifications demandées");

    // The pilote's bell counts it; the notifications page tells what happened and leads to the document.
    await paul.page.goto(`${app.url}/espaces`);
    // The header repeats its quick links in the mobile menu: the first one is the visible bell.
    const bell = paul.page.getByTestId("cloche").first();
    await expect.poll(() => accessibleName(bell)).toMatch(/^Notifications [1-9]\d* non lues?$/);
    const unread = Number(/(\d+) non lue/.exec(await accessibleName(bell))![1]);
    await bell.click();
    await paul.page.getByRole("heading", { level: 1, name: "Mes notifications" }).waitFor();
    const told = paul.page.getByTestId("notification").filter({ hasText: "demande des modifications" });
    expect(await told.innerText()).toContain("Merci de citer les partenaires de la page 2.");
    await screenshot(paul.page, "notifications");
    await told.getByRole("link").click();
    await paul.page.waitForURL(`${app.url}/documents/${documentId}`);
    await statusIs(paul.page, "Modifications demandées");
    // Following it marked it read.
    const left = unread - 1;
    await expect
      .poll(() => accessibleName(bell))
      .toBe(left === 0 ? "Notifications, aucune non lue" : `Notifications ${left} non lue${left > 1 ? "s" : ""}`);

    // He answers the comment in its thread and resolves it, then submits the document again.
    await paul.page.getByRole("button", { name: "Commentaires et historique" }).click();
    const thread = threadOn(paul.page);
    expect(await thread.innerText()).toContain("Lesquels ? Citez les partenaires mobilisés.");
    await thread.getByLabel("Répondre").fill("Ajouté : l'UNIOPSS et les CCAS du territoire.");
    await thread.getByRole("button", { name: "Répondre", exact: true }).click();
    await thread.getByText("Ajouté : l'UNIOPSS et les CCAS du territoire.").waitFor();
    await thread.getByRole("button", { name: "Résoudre" }).click();
    await paul.page.getByText("Discussions résolues (1)").waitFor();
    await screenshot(paul.page, "commentaire-resolu");
    await statusPanel(paul.page).getByRole("button", { name: "Soumettre à nouveau à la relecture" }).click();
    await statusIs(paul.page, "En relecture");

    // The national dashboard shows where it stands now, with no open comment left.
    await nadia.page.goto(`${app.url}/tableau-de-bord?territory=grand-sud`);
    // Its own entry: the demo install has another livrable of Grand-Sud under review.
    const again = nadia.page.getByRole("row", { name: /COPIL territorial Grand-Sud/ }).getByRole("listitem").filter({ hasText: TITLE });
    await again.waitFor();
    expect(await again.textContent()).toContain("En relecture");
    expect(await again.textContent()).toContain("aucun commentaire ouvert");
  });

  test("each person chooses, per kind of event, a mail at once, in the daily digest or none", async () => {
    const paul = await as(PILOTE, "/notifications");
    await paul.page.getByRole("link", { name: "Choisir quels courriels je reçois" }).click();
    await paul.page.getByRole("heading", { level: 1, name: "Mes préférences" }).waitFor();
    const status = paul.page.getByRole("group", { name: "Changement de statut d'un document de mes espaces" });
    // The defaults: mentions at once, status changes in the digest.
    expect(await status.getByLabel("Dans le résumé quotidien").isChecked()).toBe(true);
    expect(
      await paul.page.getByRole("group", { name: "On me mentionne (@)" }).getByLabel("Un courriel tout de suite").isChecked(),
    ).toBe(true);
    // DSFR radios are drawn by their labels: a person clicks the label.
    await status.getByText("Un courriel tout de suite").click();
    await paul.page.getByRole("group", { name: /^Commentaire sur un document/ }).getByText("Pas de courriel").click();
    expect(await status.getByLabel("Un courriel tout de suite").isChecked()).toBe(true);
    await paul.page.getByRole("button", { name: "Enregistrer mes préférences" }).click();
    await paul.page.getByText("Vos préférences de notification sont enregistrées.").waitFor();
    await screenshot(paul.page, "preferences-notification");

    await paul.page.reload();
    await paul.page.getByRole("heading", { level: 1, name: "Mes préférences" }).waitFor();
    await expect.poll(() => status.getByLabel("Un courriel tout de suite").isChecked()).toBe(true);
    const prefs = await (await paul.page.request.get(`${app.url}/api/me/notification-preferences`)).json();
    expect(prefs.preferences).toEqual({ mention: "immediate", reply: "immediate", comment: "none", status: "immediate" });
  });
});
