import { DocumentReply, Me, type DocumentKind } from "@atelier/shared";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, test } from "vitest";
import { openAs, openBrowser, screenshot, startApp, type App, type Browsing } from "./harness.js";

const MEMBRE = "membre.grand-sud@atelier.test";
const PILOTE = "pilote.grand-sud@atelier.test";
const LECTEUR = "lecteur.grand-sud@atelier.test";
const ADMIN = "admin@atelier.test";

let app: App;
let browse: () => Promise<Browsing>;
beforeAll(async () => {
  app = await startApp();
  browse = await openBrowser();
});

const as = (email: string, path = "/espaces") => openAs(browse, app.url, email, path);

/** How many updates the browser holds for the document in IndexedDB (y-indexeddb's "updates" store). */
const storedUpdates = (page: Page, documentId: string) =>
  page.evaluate(
    (name) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const count = db.transaction("updates").objectStore("updates").count();
          count.onsuccess = () => (db.close(), resolve(count.result));
          count.onerror = () => reject(count.error);
        };
      }),
    `atelier-document-${documentId}`,
  );

const api = (page: Page) => ({
  headers: { origin: app.url },
  async me() {
    return Me.parse((await (await page.request.get(`${app.url}/api/me`)).json()).user);
  },
  async create(kind: DocumentKind, title: string) {
    const spaceId = await app.spaceId("grand-sud");
    const r = await page.request.post(`${app.url}/api/spaces/${spaceId}/documents`, { data: { title, kind }, headers: this.headers });
    expect(r.status()).toBe(201);
    return DocumentReply.parse(await r.json()).document.id;
  },
  async text(documentId: string) {
    const r = await page.request.get(`${app.url}/api/documents/${documentId}/content?format=text`);
    expect(r.status()).toBe(200);
    return ((await r.json()) as { content: string }).content;
  },
});

const editorOf = (page: Page) => page.getByRole("textbox", { name: /^Texte du document/ });
const connected = (page: Page) => page.getByTestId("connection-state").getByText("Connecté", { exact: true }).waitFor();

/** Puts the cursor in the (empty) block under a section heading of the template. */
async function cursorUnder(page: Page, section: string) {
  await editorOf(page).getByRole("heading", { name: section }).click();
  await page.keyboard.press("End");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("End");
}

async function writeUnder(page: Page, section: string, text: string) {
  await cursorUnder(page, section);
  await page.keyboard.type(text);
}

async function openDocument(email: string, documentId: string) {
  const b = await as(email, `/documents/${documentId}`);
  await connected(b.page);
  return b;
}

describe("co-writing a livrable", () => {
  test("two members write together, see each other's named carets and presence, and a reload keeps the text", async () => {
    const marie = await as(MEMBRE);
    const documentId = await api(marie.page).create("livrable", "Livrable Grand-Sud");
    await marie.page.goto(`${app.url}/documents/${documentId}`);
    await connected(marie.page);
    const paul = await openDocument(PILOTE, documentId);
    const [marieName, paulName] = await Promise.all(
      [marie, paul].map(async (b) => {
        const me = await api(b.page).me();
        return `${me.firstName} ${me.lastName}`;
      }),
    );

    // The template written by the server, in both pages.
    for (const b of [marie, paul]) {
      for (const section of ["Contexte", "Premier état des lieux", "Pratiques inspirantes", "Leviers d'actions", "Annexes"]) {
        await editorOf(b.page).getByRole("heading", { name: section }).waitFor();
      }
    }

    await writeUnder(marie.page, "Contexte", "Le territoire compte trois régions.");
    await editorOf(paul.page).getByText("Le territoire compte trois régions.").waitFor();
    await writeUnder(paul.page, "Leviers d'actions", "Former ensemble les professionnels.");
    await editorOf(marie.page).getByText("Former ensemble les professionnels.").waitFor();

    // Each sees the other's caret, labelled with the name the server knows, and the other in the presence list.
    await paul.page.locator(".collaboration-carets__label", { hasText: marieName }).waitFor();
    await marie.page.locator(".collaboration-carets__label", { hasText: paulName }).waitFor();
    await expect.poll(() => marie.page.getByTestId("presence-user").allInnerTexts()).toEqual([`${marieName} (vous)`, paulName]);
    await screenshot(marie.page, "editeur-co-ecriture");

    await marie.page.reload();
    await connected(marie.page);
    const text = await editorOf(marie.page).innerText();
    expect(text).toContain("Le territoire compte trois régions.");
    expect(text).toContain("Former ensemble les professionnels.");
    await expect.poll(() => api(marie.page).text(documentId)).toContain("Le territoire compte trois régions.");
    expect(await api(marie.page).text(documentId)).toContain("Former ensemble les professionnels.");
  });

  test("the toolbar formats the text, says what applies at the cursor, and shows shortcuts", async () => {
    const marie = await as(MEMBRE);
    const documentId = await api(marie.page).create("synthese", "Synthèse régionale");
    await marie.page.goto(`${app.url}/documents/${documentId}`);
    await connected(marie.page);
    const page = marie.page;
    await cursorUnder(page, "Diagnostic partagé");
    const bold = page.getByRole("button", { name: "Gras" });
    expect(await bold.getAttribute("aria-pressed")).toBe("false");
    await bold.click();
    expect(await bold.getAttribute("aria-pressed")).toBe("true");
    await page.keyboard.type("Constat partagé");
    await editorOf(page).locator("strong", { hasText: "Constat partagé" }).waitFor();
    await bold.hover();
    expect(await page.getByRole("tooltip", { name: /Gras/ }).innerText()).toMatch(/Gras\s*Ctrl\+B/);
    // Keyboard shortcuts work as announced.
    await page.keyboard.press("Control+b");
    await page.keyboard.press("Control+i");
    await page.keyboard.type(" et analysé");
    await editorOf(page).locator("em", { hasText: "et analysé" }).waitFor();
    expect(await bold.getAttribute("aria-pressed")).toBe("false");
    expect(await page.getByRole("button", { name: "Italique" }).getAttribute("aria-pressed")).toBe("true");
    // The toolbar is one tab stop, reached from the text with Alt+F10, walked with the arrows, left with Escape.
    const focused = () => page.evaluate(() => document.activeElement?.textContent);
    expect(await page.getByRole("toolbar").locator('button[tabindex="0"]').count()).toBe(1);
    await page.keyboard.press("Alt+F10");
    expect(await focused()).toBe("Annuler");
    await page.keyboard.press("ArrowRight");
    expect(await focused()).toBe("Titre de niveau 1");
    await page.keyboard.press("End");
    expect(await focused()).toBe("Insérer un tableau");
    await page.keyboard.press("Escape");
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("role"))).toBe("textbox");
    await page.keyboard.press("Enter");
    await page.getByRole("button", { name: "Insérer un tableau" }).click();
    await editorOf(page).locator("table").nth(0).waitFor();
    await page.getByRole("button", { name: "Ajouter une ligne en dessous" }).waitFor();
    // The summary lists the sections; the word count follows the text.
    expect(await page.getByRole("navigation", { name: "Sommaire" }).getByRole("link").allInnerTexts()).toEqual([
      "Diagnostic partagé",
      "Pratiques inspirantes",
      "Leviers d'actions",
    ]);
    await expect.poll(() => page.getByText(/^\d+ mots?$/).innerText()).toBe("10 mots");
    await screenshot(page, "editeur-barre-outils");
  });
});

describe("a lecteur", () => {
  test("reads the live text but cannot change it by typing", async () => {
    const marie = await as(MEMBRE);
    const documentId = await api(marie.page).create("compte-rendu", "COPIL du 3 décembre");
    await marie.page.goto(`${app.url}/documents/${documentId}`);
    await connected(marie.page);
    await writeUnder(marie.page, "Date de la réunion", "3 décembre 2013");
    await expect.poll(() => api(marie.page).text(documentId)).toContain("3 décembre 2013");

    const lecteur = await openDocument(LECTEUR, documentId);
    const page = lecteur.page;
    const editor = editorOf(page);
    await editor.getByText("3 décembre 2013").waitFor();
    expect(await editor.getAttribute("contenteditable")).toBe("false");
    expect(await editor.getAttribute("aria-readonly")).toBe("true");
    expect(await page.getByRole("toolbar").count()).toBe(0);
    await page.getByTestId("read-only").waitFor();

    const before = await api(marie.page).text(documentId);
    await editor.getByText("3 décembre 2013").click();
    await page.keyboard.type("texte du lecteur");
    await page.keyboard.press("Enter");
    await page.keyboard.press("Backspace");
    await page.keyboard.press("Control+a");
    await page.keyboard.press("Delete");
    // The author keeps writing: the lecteur sees it live, and nothing of the lecteur's reached anyone.
    await writeUnder(marie.page, "Participants", "Préfecture de région");
    await editor.getByText("Préfecture de région").waitFor();
    expect(await editor.innerText()).not.toContain("texte du lecteur");
    expect(await editor.innerText()).toContain("3 décembre 2013");
    expect(await editorOf(marie.page).innerText()).not.toContain("texte du lecteur");
    await expect.poll(() => api(marie.page).text(documentId)).toContain("Préfecture de région");
    expect(await api(marie.page).text(documentId)).toBe(before.replace("Participants", "Participants\n\nPréfecture de région"));
    // The author sees the lecteur reading along.
    await marie.page.getByTestId("presence-user").filter({ hasText: "lecture" }).waitFor();
    await screenshot(page, "editeur-lecture-seule");
  });
});

describe("when the connection fails", () => {
  test("a blocked WebSocket still shows the text, read-only, with why and what to do", async () => {
    const marie = await as(MEMBRE);
    const documentId = await api(marie.page).create("livrable", "Livrable derrière un pare-feu");
    await marie.page.goto(`${app.url}/documents/${documentId}`);
    await connected(marie.page);
    await writeUnder(marie.page, "Contexte", "Texte enregistré sur le serveur.");
    await expect.poll(() => api(marie.page).text(documentId)).toContain("Texte enregistré sur le serveur.");

    const blocked = await as(PILOTE);
    // What a proxy that refuses WebSockets does: the connection never opens.
    await blocked.page.routeWebSocket(/\/collab\//, (ws) => ws.close());
    await blocked.page.goto(`${app.url}/documents/${documentId}`);
    const content = blocked.page.getByTestId("fallback-content");
    await content.getByText("Texte enregistré sur le serveur.").waitFor();
    expect(await content.getByRole("heading", { name: "Contexte" }).count()).toBe(1);
    expect(await blocked.page.getByRole("alert").innerText()).toMatch(/bloque probablement les connexions « WebSocket »[\s\S]*service informatique/);
    expect(await blocked.page.getByRole("toolbar").count()).toBe(0);
    await screenshot(blocked.page, "editeur-websocket-bloque");
  });

  test("edits made offline are kept in the browser and merged when the connection returns", async () => {
    const marie = await as(MEMBRE);
    const documentId = await api(marie.page).create("livrable", "Livrable écrit dans le train");
    const context = marie.page.context();
    let online = true;
    const links: { close(): Promise<void> }[] = [];
    await context.routeWebSocket(/\/collab\//, async (ws) => {
      if (!online) return ws.close();
      const server = ws.connectToServer();
      links.push({ close: async () => (await server.close(), await ws.close()) });
    });
    await marie.page.goto(`${app.url}/documents/${documentId}`);
    await connected(marie.page);

    online = false;
    await Promise.all(links.map((l) => l.close()));
    const storedBefore = await storedUpdates(marie.page, documentId);
    await writeUnder(marie.page, "Annexes", "Écrit hors connexion.");
    // The browser keeps the edit in IndexedDB asynchronously: the tab closes once it is written.
    await expect.poll(() => storedUpdates(marie.page, documentId)).toBeGreaterThan(storedBefore);
    await marie.page.getByTestId("connection-state").getByText("Hors ligne — modifications non synchronisées").waitFor();
    await screenshot(marie.page, "editeur-hors-ligne");
    expect(await api(marie.page).text(documentId)).not.toContain("Écrit hors connexion.");

    // The tab is closed while offline; the person comes back later, online.
    await marie.page.close();
    online = true;
    const page = await context.newPage();
    await page.goto(`${app.url}/documents/${documentId}`);
    await connected(page);
    await expect.poll(() => api(page).text(documentId)).toContain("Écrit hors connexion.");
    const paul = await openDocument(PILOTE, documentId);
    await editorOf(paul.page).getByText("Écrit hors connexion.").waitFor();
  });

  test("someone whose access is removed while the document is open is told « Accès retiré »", async () => {
    const marie = await as(MEMBRE);
    const documentId = await api(marie.page).create("diagnostic", "Diagnostic partagé");
    const lecteur = await openDocument(LECTEUR, documentId);
    const lecteurId = (await api(lecteur.page).me()).id;

    const admin = await as(ADMIN);
    const spaceId = await app.spaceId("grand-sud");
    const r = await admin.page.request.delete(`${app.url}/api/admin/users/${lecteurId}/memberships/${spaceId}`, { headers: { origin: app.url } });
    expect(r.status()).toBe(200);

    const alert = lecteur.page.getByRole("alert");
    await alert.getByRole("heading", { name: "Accès retiré" }).waitFor({ timeout: 10_000 });
    expect(await editorOf(lecteur.page).count()).toBe(0);
  });
});
