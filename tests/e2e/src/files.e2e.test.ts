import { readdir } from "node:fs/promises";
import path from "node:path";
import { beforeAll, expect, test } from "vitest";
import { logIn, openBrowser, screenshot, startApp, type App, type Browsing } from "./harness.js";

let app: App;
let browse: () => Promise<Browsing>;
let grandSud: string;
beforeAll(async () => {
  app = await startApp();
  browse = await openBrowser();
  grandSud = await app.spaceId("grand-sud");
});

const library = () => `/espaces/${grandSud}/documents-ressources`;
const PDF =
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj " +
  "3 0 obj<</Type/Page/MediaBox[0 0 200 200]/Parent 2 0 R>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";

test("a partner drops two files into Grand-Sud, sees them progress and describes them", async () => {
  const { page } = await browse();
  await logIn(page, app.url, "partenaire@atelier.test", undefined, library());
  await page.getByRole("heading", { level: 1, name: "Documents ressources" }).waitFor();

  // A slow uplink, so the progress of each file can be seen moving.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 1024 * 1024 });

  const dropped = await page.evaluateHandle((pdf) => {
    const dt = new DataTransfer();
    // The PDF is padded to 2 MB: about two seconds on the slow uplink.
    dt.items.add(new File([pdf, new Uint8Array(2 * 1024 * 1024)], "etude-hebergement.pdf", { type: "application/pdf" }));
    dt.items.add(new File(["commune;places\nNîmes;40\n"], "places.csv", { type: "text/csv" }));
    return dt;
  }, PDF);
  await page.getByTestId("zone-depot").dispatchEvent("drop", { dataTransfer: dropped });

  const bar = page.getByRole("progressbar", { name: "Envoi de etude-hebergement.pdf" });
  await bar.waitFor();
  await expect.poll(async () => Number(await bar.getAttribute("value")), { timeout: 10_000 }).toBeGreaterThan(0);
  await expect.poll(async () => (await bar.count()) === 0 || Number(await bar.getAttribute("value")) < 2 * 1024 * 1024).toBe(true);
  await page.getByRole("button", { name: "Annuler l'envoi de etude-hebergement.pdf" }).waitFor();
  await screenshot(page, "fichiers-envoi");
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });

  for (const [name, title] of [
    ["etude-hebergement.pdf", "Étude sur l'hébergement d'urgence"],
    ["places.csv", "Places d'hébergement par commune"],
  ] as const) {
    // Each sent file offers its form on demand.
    await page.getByRole("button", { name: `Modifier les informations de ${name}` }).click({ timeout: 20_000 });
    const form = page.getByRole("form", { name: `Informations de ${name}` });
    await form.getByLabel("Titre").fill(title);
    await form.getByLabel("Type de document").selectOption({ label: "Étude" });
    // DSFR draws the box on the label: a person clicks the label.
    await form.locator("label", { hasText: "Hébergement / Logement" }).click();
    expect(await form.getByLabel("Hébergement / Logement").isChecked()).toBe(true);
    await form.getByRole("button", { name: "Enregistrer les informations" }).click();
    await expect.poll(() => page.getByTestId("annonces").textContent()).toContain(`Informations de « ${title} » enregistrées.`);
  }
  await expect.poll(() => page.getByTestId("documents").textContent()).toContain("Places d'hébergement par commune");
  await screenshot(page, "fichiers-decrits");
});

test("a partner cancels an upload midway and nothing is kept", async () => {
  const count = async () => (await app.services.db.query("SELECT 1 FROM files")).length;
  const objects = async () => {
    const keys: string[] = [];
    for await (const k of app.services.storage.list()) keys.push(k);
    return keys.sort();
  };
  const [before, objectsBefore] = [await count(), await objects()];
  const { page } = await browse();
  await logIn(page, app.url, "partenaire@atelier.test", undefined, library());
  await page.getByRole("heading", { level: 1, name: "Documents ressources" }).waitFor();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 512 * 1024 });
  const dropped = await page.evaluateHandle(() => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(4 * 1024 * 1024)], "a-annuler.bin"));
    return dt;
  });
  await page.getByTestId("zone-depot").dispatchEvent("drop", { dataTransfer: dropped });
  const bar = page.getByRole("progressbar", { name: "Envoi de a-annuler.bin" });
  await expect.poll(async () => Number(await bar.getAttribute("value")), { timeout: 10_000 }).toBeGreaterThan(0);
  await page.getByRole("button", { name: "Annuler l'envoi de a-annuler.bin" }).click();
  await page.getByTestId("envoi").getByText("Envoi annulé.").waitFor();
  // The server notices the cut and removes what it had started to write.
  const partial = path.join(app.dataDir, "files", ".partial");
  await expect.poll(async () => (await readdir(partial)).length).toBe(0);
  expect(await count()).toBe(before);
  expect(await objects()).toEqual(objectsBefore);
});

test("a Grand-Sud membre finds them by theme and previews the PDF", async () => {
  const { page } = await browse();
  await logIn(page, app.url, "membre.grand-sud@atelier.test", undefined, library());
  await page.getByRole("heading", { level: 1, name: "Documents ressources" }).waitFor();
  await page.getByLabel("Thématique").selectOption({ label: "Hébergement / Logement" });
  // The page's own search, not the header's.
  await page.getByRole("main").getByRole("button", { name: "Rechercher" }).click();
  await page.waitForURL(/theme=hebergement-logement/);
  const table = page.getByTestId("documents");
  await expect.poll(async () => (await table.locator("tbody tr").allTextContents()).length).toBe(2);

  const preview = page.waitForResponse((r) => r.url().includes("/download?inline=1"));
  await table.getByRole("button", { name: "Étude sur l'hébergement d'urgence" }).click();
  await page.getByTitle("Aperçu de Étude sur l'hébergement d'urgence").waitFor();
  const res = await preview;
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toBe("application/pdf");
  expect(res.headers()["content-disposition"]).toMatch(/^inline;/);
  expect(await page.getByTestId("versions").textContent()).toContain("Version 1");
  await screenshot(page, "fichiers-apercu");
});

test("a membre of another territory cannot reach them by URL", async () => {
  const [file] = await app.services.db.query<{ id: string }>("SELECT id FROM files WHERE title = $1", ["Étude sur l'hébergement d'urgence"]);
  const { page } = await browse();
  await logIn(page, app.url, "membre.sud-ouest@atelier.test", undefined, library());
  await page.getByRole("heading", { level: 1, name: "Accès refusé" }).waitFor();
  expect(await page.locator("body").innerText()).not.toContain("hébergement");
  for (const url of [`/api/files/${file!.id}`, `/api/files/${file!.id}/download?inline=1`]) {
    const res = await page.goto(app.url + url);
    expect(res!.status()).toBe(403);
    expect(await res!.text()).not.toMatch(/hébergement|PDF/i);
  }
});

test("a partner puts his own file in the trash, finds it in his trash and restores it", async () => {
  const { page } = await browse();
  await logIn(page, app.url, "partenaire@atelier.test");
  await page.getByRole("link", { name: /Grand-Sud/ }).first().click();
  await page.getByRole("link", { name: /Documents ressources/ }).first().click();
  await page.getByRole("heading", { level: 1, name: "Documents ressources" }).waitFor();

  await page.getByLabel("Choisir des fichiers").setInputFiles({ name: "compte-rendu-atelier.txt", mimeType: "text/plain", buffer: Buffer.from("Compte rendu de l'atelier du 12 novembre.") });
  await page.getByRole("button", { name: "Modifier les informations de compte-rendu-atelier.txt" }).click({ timeout: 20_000 });
  const form = page.getByRole("form", { name: "Informations de compte-rendu-atelier.txt" });
  await form.getByLabel("Titre").fill("Compte rendu de l'atelier");
  await form.getByRole("button", { name: "Enregistrer les informations" }).click();
  const list = page.getByTestId("documents");
  await list.getByRole("button", { name: "Compte rendu de l'atelier" }).click();

  // The file's panel: its form stays closed until asked for.
  const panel = page.getByTestId("fiche-fichier");
  expect(await panel.getByRole("form").count()).toBe(0);
  await panel.getByRole("button", { name: "Mettre à la corbeille" }).click();
  await expect.poll(() => page.getByTestId("annonces").textContent()).toContain("« Compte rendu de l'atelier » a été mis à la corbeille.");
  await expect.poll(() => list.getByRole("button", { name: "Compte rendu de l'atelier" }).count()).toBe(0);

  await page.getByRole("button", { name: "Afficher la corbeille" }).click();
  const bin = page.getByTestId("corbeille");
  await bin.getByRole("row", { name: /Compte rendu de l'atelier/ }).waitFor();
  await screenshot(page, "fichiers-corbeille-partenaire");
  await bin.getByRole("button", { name: "Restaurer Compte rendu de l'atelier" }).click();
  await expect.poll(() => page.getByTestId("annonces").textContent()).toContain("« Compte rendu de l'atelier » a été restauré.");
  await page.getByText("La corbeille est vide.").or(bin.getByRole("row", { name: /Compte rendu de l'atelier/ })).first().waitFor();
  await expect.poll(() => bin.getByRole("row", { name: /Compte rendu de l'atelier/ }).count()).toBe(0);
  await list.getByRole("button", { name: "Compte rendu de l'atelier" }).waitFor();
});
