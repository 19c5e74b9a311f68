/**
 * One way of showing time: a member of an overseas committee chooses Martinique in her preferences,
 * and every date she then reads — the version list and the labels about versions — is Martinique time.
 */
import { DocumentReply, VersionListReply } from "@atelier/shared";
import { beforeAll, expect, test } from "vitest";
import { openAs, openBrowser, screenshot, startApp, type App, type Browsing } from "./harness.js";

let app: App;
let browse: () => Promise<Browsing>;
beforeAll(async () => {
  app = await startApp();
  browse = await openBrowser();
});

/** What a person in that zone reads on a wall clock, computed here independently of the app. */
const wallClock = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat("fr-FR", { dateStyle: "long", timeStyle: "short", timeZone }).format(new Date(iso));

test("a member sets Martinique and reads the same Martinique times in the version list and in the labels", async () => {
  const { page } = await openAs(browse, app.url, "membre.grand-sud@atelier.test");
  // The document is only the place where versions are listed: the journey is about time.
  const spaceId = await app.spaceId("grand-sud");
  const created = await page.request.post(`${app.url}/api/spaces/${spaceId}/documents`, {
    data: { title: "Livrable daté", kind: "livrable" },
    headers: { origin: app.url },
  });
  const documentId = DocumentReply.parse(await created.json()).document.id;

  await page.getByTestId("utilisateur").first().click();
  await page.getByRole("heading", { level: 1, name: "Mes préférences" }).waitFor();
  await page.getByLabel(/Fuseau horaire des dates et heures/).selectOption({ label: "Martinique" });
  await page.getByRole("button", { name: "Enregistrer le fuseau horaire" }).click();
  await page.getByText("Votre fuseau horaire est enregistré", { exact: false }).first().waitFor();
  await screenshot(page, "preferences-fuseau");

  await page.goto(`${app.url}/documents/${documentId}`);
  const panel = page.getByRole("complementary", { name: "Commentaires et historique" });
  await page.getByRole("button", { name: "Commentaires et historique" }).click();
  await panel.getByRole("tab", { name: "Historique" }).click();
  await panel.getByLabel(/Nommer l'état actuel/).fill("présentée au COPIL du 4 décembre");
  await panel.getByRole("button", { name: "Enregistrer le nom" }).click();
  const named = panel.getByRole("listitem").filter({ hasText: "présentée au COPIL du 4 décembre" });
  await named.waitFor();

  const versions = VersionListReply.parse(await (await page.request.get(`${app.url}/api/documents/${documentId}/versions`)).json());
  const at = versions.versions.find((v) => v.name === "présentée au COPIL du 4 décembre")!.createdAt;
  const martinique = wallClock(at, "America/Martinique");
  expect(martinique).not.toBe(wallClock(at, "Europe/Paris"));
  await expect.poll(() => named.innerText()).toContain(martinique);

  await named.getByRole("button", { name: "Restaurer" }).click();
  await named.getByRole("button", { name: "Confirmer la restauration" }).click();
  // The label of the restore names the version by the same Martinique time as the list.
  await panel.getByText(`Restauration de la version du ${martinique} « présentée au COPIL du 4 décembre »`).waitFor();
  expect(await panel.innerText()).not.toContain(wallClock(at, "Europe/Paris"));
  await screenshot(page, "historique-martinique");
});
