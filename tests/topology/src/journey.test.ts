/**
 * People through the shipped topology: nginx in front of two instances, PostgreSQL, Redis and S3.
 * A member writes a livrable while the pilote reads along and both instances are restarted in
 * turn (a deploy); a partner uploads a resource, once while the S3 endpoint is down. People come
 * in over TLS (the topology's self-signed certificate, accepted in their browser).
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, expect, test } from "vitest";
import { logIn, openBrowser, type Browsing } from "@atelier/e2e/src/harness.js";
import { DEMO_PASSWORD } from "@atelier/server/src/seed/demo.js";
import { reportOnFailure, topologyForFile } from "./helpers.js";

const topology = await topologyForFile();
let browse: () => Promise<Browsing>;
beforeAll(async () => {
  const open = await openBrowser();
  browse = () => open({ ignoreHTTPSErrors: true });
});

const GRAND_SUD = "COPIL territorial Grand-Sud";
const TITLE = "Livrable écrit derrière nginx";
const editorOf = (page: Page) => page.getByRole("textbox", { name: /^Texte du document/ });
const synced = async (page: Page) => {
  const state = page.getByTestId("connection-state");
  await state.getByText("Connecté", { exact: true }).waitFor({ timeout: 20_000 });
  await expect.poll(() => state.textContent(), { timeout: 20_000 }).not.toContain("non synchronisées");
};

async function openGrandSud(page: Page, email: string) {
  await logIn(page, topology.tlsUrl, email);
  await page.getByRole("heading", { level: 1, name: "Mes espaces" }).waitFor();
  await page.getByTestId("mes-espaces").getByRole("link", { name: GRAND_SUD, exact: true }).click();
  await page.getByRole("heading", { level: 1, name: GRAND_SUD }).waitFor();
}

/** Requests each instance served (its JSON log's request lines). */
const served = async (name: string) =>
  (await readFile(path.join(topology.dir, "logs", `${name}.log`), "utf8")).split("\n").filter((l) => l.includes('"msg":"requête"')).length;

test("someone who types the plain address is sent to HTTPS, where pages carry HSTS and the CSP and the session cookie is Secure", async () => {
  reportOnFailure(topology);
  const { page } = await browse();
  const home = await page.goto(`${topology.url}/connexion`);
  expect(page.url()).toBe(`${topology.tlsUrl}/connexion`);
  const headers = await home!.allHeaders();
  expect(headers["strict-transport-security"]).toMatch(/max-age=\d+/);
  expect(headers["content-security-policy"]).toContain("script-src 'self'");
  await page.getByLabel("Adresse électronique").fill("membre.grand-sud@atelier.test");
  await page.getByLabel("Mot de passe", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.getByRole("heading", { level: 1, name: "Mes espaces" }).waitFor();
  const session = (await page.context().cookies()).find((c) => c.name === "atelier_session");
  expect(session).toMatchObject({ secure: true, httpOnly: true });
  // Programs on the plain port (the API, sockets, a TLS terminator in front) are served, not sent away.
  expect((await fetch(`${topology.url}/api/health`, { redirect: "manual" })).status).toBe(200);
});

test("a member writes while the pilote reads along and both instances restart in turn: nothing typed is lost", async () => {
  reportOnFailure(topology);
  const marie = await browse();
  await openGrandSud(marie.page, "membre.grand-sud@atelier.test");
  await marie.page.getByRole("button", { name: "Nouveau document" }).click();
  const dialog = marie.page.getByRole("dialog", { name: "Nouveau document" });
  await dialog.getByRole("radio", { name: /^Livrable/ }).check();
  await dialog.getByLabel("Titre").fill(TITLE);
  await dialog.getByRole("button", { name: "Créer et ouvrir" }).click();
  await marie.page.getByRole("heading", { level: 1, name: TITLE }).waitFor();
  await editorOf(marie.page).getByRole("heading", { name: "Contexte" }).click();
  await marie.page.keyboard.press("End");
  await marie.page.keyboard.press("ArrowDown");
  await marie.page.keyboard.type("Les trois régions ont réuni leurs partenaires.");
  await synced(marie.page);

  const paul = await browse();
  await openGrandSud(paul.page, "pilote.grand-sud@atelier.test");
  await paul.page.getByRole("table", { name: /^Documents du comité/ }).getByRole("link", { name: TITLE, exact: true }).click();
  await editorOf(paul.page).getByText("Les trois régions ont réuni leurs partenaires.").waitFor();

  // A deploy: each instance in turn stops (its sockets told to reconnect elsewhere) and starts again,
  // while the member goes on typing.
  for (const [i, instance] of topology.instances.entries()) {
    const restart = instance.stop().then(() => instance.start());
    await marie.page.keyboard.type(` Ajout ${i + 1} pendant le déploiement.`);
    await restart;
  }
  await synced(marie.page);
  await synced(paul.page);
  for (const i of [1, 2]) await editorOf(paul.page).getByText(`Ajout ${i} pendant le déploiement.`, { exact: false }).waitFor();

  await paul.page.reload();
  await synced(paul.page);
  const text = await editorOf(paul.page).innerText();
  expect(text).toContain("Les trois régions ont réuni leurs partenaires. Ajout 1 pendant le déploiement. Ajout 2 pendant le déploiement.");
  // nginx spread the journey over both instances.
  expect(await served("atelier-1")).toBeGreaterThan(0);
  expect(await served("atelier-2")).toBeGreaterThan(0);
});

test("a partner's upload while the file storage is down says so and waits; once the storage is back it goes through, whole and once", async () => {
  reportOnFailure(topology);
  const karim = await browse();
  await openGrandSud(karim.page, "partenaire@atelier.test");
  await karim.page.getByRole("link", { name: /Documents ressources/ }).first().click();
  await karim.page.getByRole("heading", { level: 1, name: "Documents ressources" }).waitFor();
  const content = "Bilan de l'atelier de Marseille : douze structures présentes.";
  const file = { name: "bilan-atelier-marseille.txt", mimeType: "text/plain", buffer: Buffer.from(content) };

  await topology.s3!.stop();
  try {
    await karim.page.getByLabel("Choisir des fichiers").setInputFiles(file);
    await karim.page.locator(".fr-message--warning", { hasText: "Le serveur ne peut pas enregistrer de fichier pour l'instant : l'envoi reprendra automatiquement." }).waitFor();
    expect(await karim.page.getByTestId("documents").getByRole("button", { name: /bilan-atelier-marseille/ }).count()).toBe(0);
  } finally {
    await topology.s3!.start();
  }
  // The page tried again by itself.
  await karim.page.getByRole("button", { name: "Modifier les informations de bilan-atelier-marseille.txt" }).waitFor({ timeout: 60_000 });
  // The 503s of the outage were the answers this test is about (the page's watch counts any 5xx as a defect);
  // nothing else may have gone wrong.
  const outage = karim.errors.filter((e) => /^503 on PATCH \/api\/uploads\/|status of 503/.test(e));
  expect(outage.length).toBeGreaterThan(0);
  karim.errors.splice(0, karim.errors.length, ...karim.errors.filter((e) => !outage.includes(e)));
  await karim.page.reload();
  const list = karim.page.getByTestId("documents");
  await list.getByRole("button", { name: /bilan-atelier-marseille/ }).first().waitFor();
  expect(await list.getByRole("button", { name: /bilan-atelier-marseille/ }).count()).toBe(1);
  await list.getByRole("button", { name: /bilan-atelier-marseille/ }).click();
  const [download] = await Promise.all([karim.page.waitForEvent("download"), karim.page.getByTestId("fiche-fichier").getByRole("link", { name: /Télécharger/ }).first().click()]);
  expect(await readFile((await download.path())!, "utf8")).toBe(content);
  // Its words are found from the header: the text was read in a sandbox child of the compiled server.
  const searchBox = karim.page.getByRole("combobox", { name: "Rechercher" });
  await searchBox.click();
  await karim.page.keyboard.type("douze structures");
  await karim.page.keyboard.press("Enter");
  await karim.page.getByRole("heading", { level: 1, name: "Résultats pour « douze structures »" }).waitFor();
  // Indexed a few seconds after it is stored: the person looks again, once the page has answered.
  const answered = karim.page.getByTestId("resultat").or(karim.page.getByTestId("aucun-resultat")).first();
  await expect
    .poll(
      async () => {
        await answered.waitFor();
        const found = await karim.page.getByTestId("resultat").filter({ has: karim.page.getByRole("link", { name: "bilan-atelier-marseille" }) }).count();
        if (found === 0) await karim.page.reload();
        return found;
      },
      { timeout: 60_000, interval: 1000 },
    )
    .toBe(1);
  // No parts of the attempts left in the S3 endpoint.
  const uploads = await readdir(path.join(topology.dir, "s3", "atelier", "._S3rver_uploads")).catch(() => []);
  expect(uploads).toEqual([]);
});
