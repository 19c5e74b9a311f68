import { DocumentReply } from "@atelier/shared";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, test } from "vitest";
import { handOver, PNG_BASE64 } from "./clipboard.js";
import { openAs, openBrowser, startApp, type App, type Browsing } from "./harness.js";

const MEMBRE = "membre.grand-sud@atelier.test";
const LECTEUR = "lecteur.grand-sud@atelier.test";

let app: App;
let browse: () => Promise<Browsing>;
beforeAll(async () => {
  app = await startApp();
  browse = await openBrowser();
});

const connected = (page: Page) => page.getByTestId("connection-state").getByText("Connecté", { exact: true }).waitFor();

async function openDocument(email: string, documentId: string) {
  const b = await openAs(browse, app.url, email, `/documents/${documentId}`);
  await connected(b.page);
  return b;
}

/** A new document in Grand-Sud, open in the membre's editor with the cursor in its first paragraph. */
async function newDocumentAsMembre(title: string) {
  const { page } = await openAs(browse, app.url, MEMBRE);
  const created = await page.request.post(`${app.url}/api/spaces/${await app.spaceId("grand-sud")}/documents`, {
    data: { title, kind: "compte-rendu" },
    headers: { origin: app.url },
  });
  const documentId = DocumentReply.parse(await created.json()).document.id;
  await page.goto(`${app.url}/documents/${documentId}`);
  await connected(page);
  await editorOf(page).locator("p").first().click();
  return { page, documentId };
}

const editorOf = (page: Page) => page.getByRole("textbox", { name: /^Texte du document/ });

describe("attachments in the editor", () => {
  test("a pasted image is shown in the text and a dropped file becomes a link; a reader sees both", async () => {
    const { page, documentId } = await newDocumentAsMembre("Compte rendu illustré");

    await handOver(editorOf(page), "paste", [{ name: "schema.png", base64: PNG_BASE64, mime: "image/png" }]);
    const image = editorOf(page).locator('img[src^="/api/attachments/"]');
    await image.waitFor();
    expect(await image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);

    await handOver(editorOf(page), "drop", [{ name: "budget.csv", base64: btoa("poste;montant\nétude;1200\n"), mime: "text/csv" }]);
    const link = editorOf(page).getByRole("link", { name: "budget.csv" });
    await link.waitFor();
    expect(await link.getAttribute("href")).toMatch(/^\/api\/attachments\/[0-9a-f-]{36}$/);

    // The reader of the space gets the image and the file through their addresses.
    const reader = await openDocument(LECTEUR, documentId);
    await editorOf(reader.page).locator('img[src^="/api/attachments/"]').waitFor();
    const href = await editorOf(reader.page).getByRole("link", { name: "budget.csv" }).getAttribute("href");
    const download = await reader.page.request.get(`${app.url}${href}`);
    expect(download.status()).toBe(200);
    expect(download.headers()["content-disposition"]).toMatch(/^attachment/);

    // Pasting a file into a read-only editor sends nothing.
    const sent: string[] = [];
    reader.page.on("request", (r) => r.method() === "POST" && sent.push(r.url()));
    await handOver(editorOf(reader.page), "paste", [{ name: "autre.png", base64: PNG_BASE64, mime: "image/png" }]);
    await reader.page.waitForTimeout(300);
    expect(sent).toEqual([]);
    expect(await editorOf(reader.page).locator('img[src^="/api/attachments/"]').count()).toBe(1);
  });

  test("a refused file says why, in French, and leaves the text as it was", async () => {
    const { page } = await newDocumentAsMembre("Fichier vide");
    await handOver(editorOf(page), "paste", [{ name: "vide.png", base64: "", mime: "image/png" }]);
    await page.getByRole("alert").getByText(/« vide\.png » n'a pas été ajouté au document\. Le fichier est vide/).waitFor();
    expect(await editorOf(page).locator('img[src^="/api/attachments/"]').count()).toBe(0);
  });
});
