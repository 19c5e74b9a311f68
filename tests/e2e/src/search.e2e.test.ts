/**
 * Search as a membre uses it: she writes a livrable and a compte rendu in her committee, finds them from the
 * header's search box (the "/" key, suggestions as she types, the arrows and Échap), filters the results (the
 * counts follow, the address keeps the filter through back, forward and a reload), and opens the livrable at
 * the heading where her words are.
 */
import type { Locator, Page } from "playwright-core";
import { beforeAll, expect, test } from "vitest";
import { logIn, openBrowser, screenshot, startApp, type App, type Browsing } from "./harness.js";

let app: App;
let browse: () => Promise<Browsing>;
beforeAll(async () => {
  app = await startApp();
  browse = await openBrowser();
});

const GRAND_SUD = "COPIL territorial Grand-Sud";
const LIVRABLE = "Livrable des assises de Grand-Sud";
const COMPTE_RENDU = "Compte rendu de la maraude de nuit";
const SENTENCE = "La maraude solidaire de Marseille va vers les personnes qui dorment dehors.";

const searchBox = (page: Page) => page.getByRole("combobox", { name: "Rechercher" });
const results = (page: Page) => page.getByTestId("resultat");
const facet = (page: Page, name: string) => page.getByTestId(`facette-${name}`);

async function openGrandSud(page: Page) {
  await page.getByRole("link", { name: "Mes espaces", exact: true }).first().click();
  await page.getByTestId("mes-espaces").getByRole("link", { name: GRAND_SUD, exact: true }).click();
  await page.getByRole("heading", { level: 1, name: GRAND_SUD }).waitFor();
}

/** "Nouveau document" on the space page, as in the space-home journey; the editor opens on the template. */
async function createDocument(page: Page, kind: RegExp, title: string) {
  await page.getByRole("button", { name: "Nouveau document" }).click();
  const dialog = page.getByRole("dialog", { name: "Nouveau document" });
  // The DSFR radio's label covers its input: a person clicks the label.
  await dialog.locator("label", { hasText: kind }).click();
  expect(await dialog.getByRole("radio", { name: kind }).isChecked()).toBe(true);
  await dialog.getByLabel("Titre").fill(title);
  await dialog.getByRole("button", { name: "Créer et ouvrir" }).click();
  await page.getByRole("heading", { level: 1, name: title }).waitFor();
}

/** Types the first letters; while the new title is not suggested yet (indexed a few seconds after it is
 * written), types the last letter again, as a person would. */
async function typeUntilSuggested(page: Page, letters: string, option: Locator) {
  await page.keyboard.type(letters);
  for (let attempt = 1; ; attempt++) {
    try {
      await option.waitFor({ timeout: 5000 });
      return;
    } catch (err) {
      if (attempt === 6) throw err;
      await page.keyboard.press("Backspace");
      await page.keyboard.type(letters.at(-1)!);
    }
  }
}

async function synced(page: Page) {
  const state = page.getByTestId("connection-state");
  await state.getByText("Connecté", { exact: true }).waitFor();
  await expect.poll(() => state.textContent()).not.toContain("non synchronisées");
}

test("a membre finds her words from the header, filters the results and opens the livrable at the matched heading", async () => {
  const { page } = await browse();
  await logIn(page, app.url, "membre.grand-sud@atelier.test");
  await page.getByRole("heading", { level: 1, name: "Mes espaces" }).waitFor();

  // Two documents of her committee: the word in a compte rendu's title, and in the body of a livrable.
  await openGrandSud(page);
  await createDocument(page, /^Compte rendu/, COMPTE_RENDU);
  await synced(page);
  await openGrandSud(page);
  await createDocument(page, /^Livrable/, LIVRABLE);
  const editor = page.getByRole("textbox", { name: /^Texte du document/ });
  await editor.getByRole("heading", { name: "Pratiques inspirantes" }).click();
  await page.keyboard.press("End");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.type(SENTENCE);
  await synced(page);

  // "/" from the page (not while typing in the text) goes to the search box.
  await openGrandSud(page);
  await page.keyboard.press("/");
  await expect.poll(() => searchBox(page).evaluate((el) => el === document.activeElement)).toBe(true);
  const listbox = page.getByRole("listbox", { name: "Suggestions" });
  const suggestion = listbox.getByRole("option", { name: new RegExp(COMPTE_RENDU) });
  await typeUntilSuggested(page, "mara", suggestion);
  await expect.poll(() => searchBox(page).getAttribute("aria-expanded")).toBe("true");
  await page.keyboard.press("ArrowDown");
  await expect.poll(() => suggestion.getAttribute("aria-selected")).toBe("true");
  expect(await searchBox(page).getAttribute("aria-activedescendant")).toBe(await suggestion.getAttribute("id"));
  await screenshot(page, "recherche-suggestions");
  // Échap closes the list and leaves the focus in the box, where she goes on typing.
  await page.keyboard.press("Escape");
  await expect.poll(() => searchBox(page).getAttribute("aria-expanded")).toBe("false");
  await expect.poll(() => searchBox(page).evaluate((el) => el === document.activeElement)).toBe(true);
  await page.keyboard.type("ude");
  await page.keyboard.press("Enter");

  await page.waitForURL(/\/recherche\?q=maraude$/);
  await page.getByRole("heading", { level: 1, name: "Résultats pour « maraude »" }).waitFor();
  // The livrable's text is indexed within seconds of being typed; until then, she searches again.
  await expect
    .poll(
      async () => {
        const shown = await page.getByTestId("nombre-resultats").textContent({ timeout: 10_000 });
        if (shown !== "2 résultats") await page.reload();
        return shown;
      },
      { timeout: 30_000, interval: 1000 },
    )
    .toBe("2 résultats");
  await expect.poll(() => page.getByTestId("annonces").textContent()).toContain("2 résultats pour « maraude »");
  const livrable = results(page).filter({ has: page.getByRole("link", { name: LIVRABLE }) });
  // The matched word is highlighted in the snippet, under the heading it sits in.
  expect(await livrable.locator("mark").first().textContent()).toMatch(/maraude/i);
  expect(await livrable.textContent()).toContain("Pratiques inspirantes");
  expect(await livrable.textContent()).toContain(GRAND_SUD);
  expect(await facet(page, "type").textContent()).toContain("Document (2)");
  await screenshot(page, "recherche-resultats");

  // Filtering by kind: one result left, the counts follow, the address keeps the filter.
  await facet(page, "kind").getByRole("link", { name: /^Livrable \(1\)/ }).click();
  await page.waitForURL(/kind=livrable/);
  await expect.poll(() => page.getByTestId("nombre-resultats").textContent()).toBe("1 résultat");
  await expect.poll(() => facet(page, "type").textContent()).toContain("Document (1)");
  expect(await results(page).count()).toBe(1);
  await page.goBack();
  await expect.poll(() => page.getByTestId("nombre-resultats").textContent()).toBe("2 résultats");
  await page.goForward();
  await page.waitForURL(/kind=livrable/);
  await expect.poll(() => page.getByTestId("nombre-resultats").textContent()).toBe("1 résultat");
  await page.reload();
  await expect.poll(() => page.getByTestId("nombre-resultats").textContent()).toBe("1 résultat");
  await page.getByRole("link", { name: /^Type de document : Livrable/ }).waitFor();

  // The result opens the livrable at the heading the words are under: in view, with the caret in it.
  await results(page).getByRole("link", { name: LIVRABLE }).click();
  await page.getByRole("heading", { level: 1, name: LIVRABLE }).waitFor();
  expect(new URL(page.url()).hash).not.toBe("");
  const heading = editor.getByRole("heading", { name: "Pratiques inspirantes" });
  await expect
    .poll(() =>
      heading.evaluate((h) => {
        const selection = document.getSelection();
        const box = h.getBoundingClientRect();
        // Seen: in the upper half of the window, and not under the sticky toolbar.
        const seen = document.elementFromPoint(box.left + 8, box.top + box.height / 2);
        return (
          h.closest("[contenteditable]") === document.activeElement &&
          !!selection?.anchorNode &&
          h.contains(selection.anchorNode) &&
          box.top >= 0 &&
          box.top < window.innerHeight / 2 &&
          !!seen &&
          h.contains(seen)
        );
      }),
    )
    .toBe(true);
  await screenshot(page, "recherche-titre");
}, 240_000);

test("a search that finds nothing says so in French and offers a way on", async () => {
  const { page } = await browse();
  await logIn(page, app.url, "pilote.grand-sud@atelier.test");
  await page.getByRole("heading", { level: 1, name: "Mes espaces" }).waitFor();
  await searchBox(page).click();
  await page.keyboard.type("xylophone");
  await page.keyboard.press("Enter");
  await page.getByRole("heading", { level: 1, name: "Résultats pour « xylophone »" }).waitFor();
  const none = page.getByTestId("aucun-resultat");
  await none.getByText("vérifiez l'orthographe des mots").waitFor();
  await expect.poll(() => page.getByTestId("annonces").textContent()).toContain("Aucun résultat pour « xylophone »");
  await none.getByRole("link", { name: "cherchez dans la corbeille" }).click();
  await page.waitForURL(/scope=trash/);
  await page.getByRole("heading", { level: 2, name: "Aucun résultat dans la corbeille" }).waitFor();
});

test("a comment found by its words opens the document with its discussion shown", async () => {
  const { page } = await browse();
  await logIn(page, app.url, "pilote.grand-sud@atelier.test");
  await page.getByRole("heading", { level: 1, name: "Mes espaces" }).waitFor();
  await openGrandSud(page);
  await createDocument(page, /^Diagnostic/, "Diagnostic commenté");
  const editor = page.getByRole("textbox", { name: /^Texte du document/ });
  await synced(page);
  await editor.locator("p").first().click();
  await page.keyboard.press("End");
  await page.keyboard.type(" Le territoire compte trois régions");
  for (let i = 0; i < "trois régions".length; i++) await page.keyboard.press("Shift+ArrowLeft");
  await page.getByRole("button", { name: "Commentaires et historique" }).click();
  const panel = page.getByRole("complementary", { name: "Commentaires et historique" });
  await panel.getByRole("button", { name: "Commenter la sélection" }).click();
  await panel.getByRole("combobox", { name: /Votre commentaire/ }).fill("Préciser le calendrier des permanences itinérantes.");
  await panel.getByRole("button", { name: "Publier" }).click();
  await panel.getByRole("heading", { name: "Discussions ouvertes (1)" }).waitFor();
  await synced(page);

  await openGrandSud(page);
  await searchBox(page).click();
  await page.keyboard.type("permanences itinérantes");
  await page.keyboard.press("Enter");
  await page.getByRole("heading", { level: 1, name: "Résultats pour « permanences itinérantes »" }).waitFor();
  await expect
    .poll(
      async () => {
        const shown = await facet(page, "type").textContent({ timeout: 10_000 });
        if (!shown?.includes("Commentaire (1)")) await page.reload();
        return shown;
      },
      { timeout: 30_000, interval: 1000 },
    )
    .toContain("Commentaire (1)");
  await results(page).getByRole("link", { name: "Diagnostic commenté" }).click();
  const thread = page.getByRole("region", { name: "Discussion sur « trois régions »" });
  await expect.poll(() => thread.evaluate((el) => el === document.activeElement), { timeout: 15_000 }).toBe(true);
  expect(await thread.textContent()).toContain("Préciser le calendrier des permanences itinérantes.");
}, 240_000);
