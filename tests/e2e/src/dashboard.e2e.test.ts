import type { Page } from "playwright-core";
import { beforeAll, expect, test } from "vitest";
import { logIn, openAs, openBrowser, screenshot, startApp, type App, type Browsing } from "./harness.js";

let app: App;
let browse: () => Promise<Browsing>;
beforeAll(async () => {
  app = await startApp();
  browse = await openBrowser();
});

const post = async (page: Page, path: string, data: unknown) => {
  const r = await page.request.post(app.url + path, { data, headers: { origin: app.url } });
  expect(r.status(), path).toBeLessThan(300);
  return (await r.json()) as { document: { id: string } };
};

/** The chart's line of one COPIL: its total, and its counts in words. */
const chartLine = (page: Page, name: string) => page.getByTestId("graphique-copil").filter({ has: page.getByText(name, { exact: true }) });

const tableRow = (page: Page, name: string) =>
  page.getByRole("table", { name: "Documents par COPIL et par type" }).getByRole("row", { name: new RegExp(`^${name}`) }).first();

/** Every COPIL of the chart counts the documents its row of the table lists. */
async function countsMatchTable(page: Page) {
  const lines = page.getByTestId("graphique-copil");
  expect(await lines.count()).toBeGreaterThan(9);
  for (const l of await lines.all()) {
    const name = (await l.locator(".atelier-chart__name").innerText()).trim();
    const total = Number(await l.getByTestId("graphique-total").getAttribute("data-total"));
    expect(await tableRow(page, name).getByRole("link").count(), name).toBe(total);
  }
}

test("the national team sees the programme's documents by status in a chart that follows the table's filters", async () => {
  // The territories' work, written by their pilotes beforehand (the journey is the national team's reading).
  const pilote = await openAs(browse, app.url, "pilote.grand-sud@atelier.test");
  const grandSud = await app.spaceId("grand-sud");
  const livrable = await post(pilote.page, `/api/spaces/${grandSud}/documents`, { title: "Livrable Grand-Sud", kind: "livrable" });
  await post(pilote.page, `/api/spaces/${grandSud}/documents`, { title: "Diagnostic Grand-Sud", kind: "diagnostic" });
  await post(pilote.page, `/api/documents/${livrable.document.id}/status`, { to: "en-relecture" });

  const { page } = await browse();
  await logIn(page, app.url, "national@atelier.test");
  await page.getByRole("link", { name: "Tableau de bord national" }).first().click();
  await page.getByRole("heading", { level: 1, name: "Tableau de bord national" }).waitFor();
  const chart = page.getByRole("figure", { name: "Avancement des documents par COPIL" });
  await chart.waitFor();
  const line = chartLine(page, "COPIL territorial Grand-Sud");
  await expect.poll(() => line.getByTestId("graphique-total").innerText()).toMatch(/\d+ brouillons?, \d+ en relecture/);
  await countsMatchTable(page);

  // The same figures, as a table, for whoever prefers one: Grand-Sud's are its row's badges.
  await chart.getByText("Voir ces chiffres en tableau").click();
  const figures = chart.getByRole("table", { name: "Avancement : nombre de documents par COPIL" });
  const cells = await figures.getByRole("row", { name: /COPIL territorial Grand-Sud/ }).getByRole("cell").allInnerTexts();
  const badges = await tableRow(page, "COPIL territorial Grand-Sud").locator(".fr-badge").allTextContents();
  const labels = ["Brouillon", "En relecture", "Validé", "Transmis au national", "Modifications demandées"];
  expect(cells).toEqual([...labels.map((l) => String(badges.filter((b) => b === l).length)), String(badges.length)]);
  await screenshot(page, "tableau-de-bord-graphique");

  // A filter on the status: the chart follows the table.
  await page.getByLabel("Statut").selectOption({ label: "En relecture" });
  await page.waitForURL(/status=en-relecture/);
  await expect.poll(() => line.getByTestId("graphique-total").innerText()).toMatch(/\s\d+ : \d+ en relecture$/);
  await countsMatchTable(page);
  expect(await chartLine(page, "COPIL territorial Nord").getByTestId("graphique-total").innerText()).toContain("aucun document");
  await page.getByLabel("Territoire").selectOption({ label: "Grand-Sud" });
  await page.waitForURL(/territory=grand-sud/);
  await expect.poll(() => chartLine(page, "COPIL territorial Nord").count()).toBe(0);
  await line.waitFor();
});
