/**
 * What an editor's own client can put in a document through Yjs, outside anything the toolbar
 * offers, as a reader then sees it in Chromium: an alignment carrying CSS that drew a full-page
 * overlay with a fake DSFR button, a link with a button's class. The live editor and the version
 * read from the history draw neither, and nothing is requested from another host.
 */
import type { Page } from "playwright-core";
import { beforeAll, expect, test } from "vitest";
import * as Y from "yjs";
import { connect, synced, until } from "@atelier/server/src/collab/test-helpers.js";
import { Client } from "@atelier/server/test/harness.js";
import { openAs, openBrowser, screenshot, startApp, type App, type Browsing } from "./harness.js";

const OUTSIDE = "exemple.invalid";
const OVERLAY = `left; position:fixed; inset:0; z-index:99999; background:url(https://${OUTSIDE}/fond.png)`;
const BAIT = "Votre session a expiré : reconnectez-vous ici";

let app: App;
let browse: () => Promise<Browsing>;
beforeAll(async () => {
  app = await startApp();
  browse = await openBrowser();
});

/** An editor of Grand-Sud writes the hostile paragraph with the plain Yjs API, then names the version. */
async function plantOverlay() {
  const attacker = new Client(app.url, app.url);
  await attacker.login("membre.grand-sud@atelier.test");
  const spaceId = await app.spaceId("grand-sud");
  const documentId = (await attacker.post(`/api/spaces/${spaceId}/documents`, { title: "Compte rendu piégé", kind: "compte-rendu" })).body
    .document.id as string;
  const peer = connect(app.url, attacker, documentId);
  await synced(peer);
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.setAttribute("textAlign", OVERLAY);
  const text = new Y.XmlText();
  text.insert(0, BAIT, { link: { href: `https://${OUTSIDE}/connexion`, class: "fr-btn fr-btn--lg", target: "_top" } });
  paragraph.insert(0, [text]);
  peer.doc.getXmlFragment("default").insert(0, [paragraph]);
  await until("texte enregistré", async () => (await attacker.get(`/api/documents/${documentId}/content`)).body.content?.includes(BAIT));
  peer.destroy();
  expect((await attacker.post(`/api/documents/${documentId}/versions`, { name: "version piégée" })).status).toBe(201);
  return documentId;
}

/** Nothing covers the page: the bait is drawn in the flow of the text, as a plain link. */
async function expectHarmless(page: Page, scope: string) {
  const bait = page.locator(scope).getByRole("link", { name: BAIT });
  await bait.waitFor();
  const drawn = await bait.evaluate((a) => {
    const p = a.closest("p")!;
    const style = getComputedStyle(p);
    return { position: style.position, background: style.backgroundImage, style: p.getAttribute("style"), linkClass: a.className, target: a.getAttribute("target") };
  });
  expect(drawn).toEqual({ position: "static", background: "none", style: null, linkClass: "", target: null });
}

test("a reader sees an editor's planted overlay as a plain paragraph, in the editor and in the history", async () => {
  const documentId = await plantOverlay();
  const reader = await openAs(browse, app.url, "lecteur.grand-sud@atelier.test", `/documents/${documentId}`);
  const { page } = reader;
  const outside: string[] = [];
  page.on("request", (r) => {
    if (new URL(r.url()).hostname === OUTSIDE) outside.push(r.url());
  });
  await page.getByTestId("connection-state").getByText("Connecté", { exact: true }).waitFor();
  await expectHarmless(page, ".ProseMirror");

  await page.getByRole("button", { name: "Commentaires et historique" }).click();
  const panel = page.getByRole("complementary", { name: "Commentaires et historique" });
  await panel.getByRole("tab", { name: "Historique" }).click();
  await panel.getByRole("listitem").filter({ hasText: "version piégée" }).getByRole("button", { name: "Lire" }).click();
  await expectHarmless(page, ".atelier-version__content");
  await screenshot(page, "contenu-hostile");
  // The site's header is still within reach: nothing lies over it.
  await page.evaluate(() => window.scrollTo(0, 0));
  const hit = await page.getByRole("banner").evaluate((header) => {
    const box = header.getBoundingClientRect();
    const el = document.elementFromPoint(box.x + box.width / 2, box.y + Math.min(box.height, 40) / 2);
    return header.contains(el) || `${JSON.stringify(box)} ${el?.outerHTML.slice(0, 200)}`;
  });
  expect(hit).toBe(true);
  expect(outside).toEqual([]);
});
