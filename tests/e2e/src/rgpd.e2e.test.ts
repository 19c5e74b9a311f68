/**
 * My data (RGPD): a member signs in, opens their account page from the header and downloads what
 * Atelier holds about them: a ZIP holding one JSON file with their account. At a person's request, an
 * administrator erases their data; what they wrote stays, under « Ancien membre ».
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { DocumentReply } from "@atelier/shared";
import { beforeAll, expect, test } from "vitest";
import { logIn, openAs, openBrowser, screenshot, startApp, type App, type Browsing } from "./harness.js";

let app: App;
let browse: () => Promise<Browsing>;
beforeAll(async () => {
  app = await startApp();
  browse = await openBrowser();
});

test("a member downloads their data from the account page", async () => {
  const { page } = await browse();
  await logIn(page, app.url, "membre.grand-sud@atelier.test");
  await page.getByRole("link", { name: "Marie Membre", exact: true }).first().click();
  await page.getByRole("heading", { level: 2, name: "Mes données" }).waitFor();
  await screenshot(page, "mes-donnees");
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Télécharger mes données" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("mes-donnees-atelier.zip");
  // Read with Debian's unzip, as the person would open it.
  const zip = (await download.path())!;
  const run = promisify(execFile);
  expect((await run("unzip", ["-Z1", zip])).stdout.trim()).toBe("mes-donnees-atelier.json");
  const data = JSON.parse((await run("unzip", ["-p", zip, "mes-donnees-atelier.json"])).stdout);
  expect(data.account).toMatchObject({ email: "membre.grand-sud@atelier.test", firstName: "Marie" });
  expect(data.memberships.map((m: { slug: string }) => m.slug)).toContain("grand-sud");
});

test("an administrator erases a member's data at their request; their comment stays, under « Ancien membre »", async () => {
  // The member comments a passage of a document (the document itself is not what this journey is about).
  const marie = await openAs(browse, app.url, "membre.grand-sud@atelier.test");
  const created = await marie.page.request.post(`${app.url}/api/spaces/${await app.spaceId("grand-sud")}/documents`, {
    data: { title: "Diagnostic à relire", kind: "livrable" },
    headers: { origin: app.url },
  });
  const documentId = DocumentReply.parse(await created.json()).document.id;
  const page = marie.page;
  await page.goto(`${app.url}/documents/${documentId}`);
  await page.getByTestId("connection-state").getByText("Connecté", { exact: true }).waitFor();
  await page.getByRole("textbox", { name: /^Texte du document/ }).getByRole("heading", { name: "Contexte" }).click();
  for (const key of ["End", "ArrowDown", "End"]) await page.keyboard.press(key);
  await page.keyboard.type("Le territoire compte trois régions");
  for (let i = 0; i < "trois régions".length; i++) await page.keyboard.press("Shift+ArrowLeft");
  await page.getByRole("button", { name: "Commentaires et historique" }).click();
  const panel = page.getByRole("complementary", { name: "Commentaires et historique" });
  await panel.getByRole("button", { name: "Commenter la sélection" }).click();
  await panel.getByRole("combobox", { name: /Votre commentaire/ }).fill("Lesquelles, et avec quels chiffres ?");
  await panel.getByRole("button", { name: "Publier" }).click();
  await panel.getByRole("heading", { name: "Discussions ouvertes (1)" }).waitFor();

  // The administrator, from the login page.
  const admin = (await browse()).page;
  await logIn(admin, app.url, "admin@atelier.test");
  await admin.getByRole("link", { name: "Administration" }).first().click();
  await admin.getByRole("heading", { level: 1, name: "Utilisateurs" }).waitFor();
  await admin.getByRole("button", { name: "Modifier Marie Membre" }).click();
  await admin.getByRole("button", { name: "Effacer les données personnelles" }).click();
  const confirm = admin.getByRole("region", { name: "Effacer les données personnelles de Marie Membre" });
  await confirm.getByText("sous le nom « Ancien membre »").waitFor();
  await confirm.getByRole("button", { name: "Effacer définitivement" }).click();
  await confirm.getByText("Saisissez exactement l'adresse membre.grand-sud@atelier.test").waitFor();
  await confirm.getByLabel(/Pour confirmer, saisissez l'adresse électronique/).fill("membre.grand-sud@atelier.test");
  await screenshot(admin, "effacement-confirmation");
  await confirm.getByRole("button", { name: "Effacer définitivement" }).click();
  await admin.getByRole("heading", { level: 2, name: "Compte effacé" }).waitFor();
  await admin.getByRole("cell", { name: /^Compte effacé le / }).waitFor();
  expect(await admin.getByRole("cell", { name: "membre.grand-sud@atelier.test" }).count()).toBe(0);

  // The pilote reads her comment under « Ancien membre ».
  const pilote = await openAs(browse, app.url, "pilote.grand-sud@atelier.test", `/documents/${documentId}`);
  await pilote.page.getByRole("button", { name: "Commentaires et historique" }).click();
  const thread = pilote.page
    .getByRole("complementary", { name: "Commentaires et historique" })
    .getByRole("region", { name: "Discussion sur « trois régions »" });
  await thread.getByText("Lesquelles, et avec quels chiffres ?").waitFor();
  await thread.getByText("Ancien membre").first().waitFor();
  expect(await thread.getByText("Marie Membre").count()).toBe(0);
});
