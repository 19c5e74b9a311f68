import { beforeAll, describe, expect, test } from "vitest";
import { logIn, openBrowser, screenshot, startApp, type App, type Browsing } from "./harness.js";

const MEMBRE = "membre.grand-sud@atelier.test";

let app: App;
let browse: () => Promise<Browsing>;
beforeAll(async () => {
  app = await startApp();
  browse = await openBrowser();
});

describe("a territorial membre", () => {
  test("logs in and sees exactly Grand-Sud and its regional COPILs, with their role in each", async () => {
    const { page } = await browse();
    const spaces = await app.services.db.query<{ name: string; level: string }>(
      `SELECT name, level FROM spaces
        WHERE slug = 'grand-sud' OR parent_id = (SELECT id FROM spaces WHERE slug = 'grand-sud')`,
    );
    expect(spaces.filter((s) => s.level === "regional")).toHaveLength(3);

    await page.goto(app.url + "/espaces");
    await page.waitForURL(/\/connexion$/);
    await expect.poll(() => page.title()).toBe("Connexion — Atelier");
    await page.reload();
    await page.getByRole("heading", { level: 1, name: "Connexion à Atelier" }).waitFor();
    // The skip link is the first thing the keyboard reaches, and leads to the content.
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Aller au contenu");
    expect(await page.getByRole("link", { name: "Aller au contenu" }).getAttribute("href")).toBe("#contenu");
    await screenshot(page, "connexion");

    await logIn(page, app.url, MEMBRE);
    await page.getByRole("heading", { level: 1, name: "Mes espaces" }).waitFor();
    await expect.poll(() => page.title()).toBe("Mes espaces — Atelier");
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe("H1");
    await expect.poll(() => page.getByTestId("utilisateur").first().textContent()).toBe("Marie Membre");

    const tree = page.getByTestId("mes-espaces");
    const names = await tree.getByRole("link").allTextContents();
    expect(names.sort()).toEqual(spaces.map((s) => s.name).sort());
    // Grand-Sud holds its regions; the role label is shown for each.
    const territorial = tree.locator(":scope > ul > li");
    expect(await territorial.count()).toBe(1);
    expect(await territorial.locator("ul > li").count()).toBe(3);
    const text = (await tree.textContent()) ?? "";
    expect(text).toContain("Membre");
    expect(text.match(/Lecteur \(COPIL voisin\)/g)).toHaveLength(3);
    await screenshot(page, "mes-espaces");

    const grandSud = spaces.find((s) => s.level === "territorial")!.name;
    await tree.getByRole("link", { name: grandSud, exact: true }).click();
    await page.getByRole("heading", { level: 1, name: grandSud }).waitFor();
    await expect.poll(() => page.title()).toBe(`${grandSud} — Atelier`);
    expect(await page.getByTestId("membres").innerText()).toContain("Marie Membre");
    // A membre does not manage members.
    expect(await page.getByRole("heading", { name: "Inviter une personne" }).count()).toBe(0);
    await screenshot(page, "espace");
  });

  test("opening a forbidden space is refused in French, naming only its committee, and offers to ask for access", async () => {
    const { page } = await browse();
    const id = await app.spaceId("sud-ouest");
    const [sudOuest] = await app.services.db.query<{ name: string; description: string }>(
      "SELECT name, description FROM spaces WHERE id = $1",
      [id],
    );
    // The link opened before logging in: login first, then back to it.
    await page.goto(`${app.url}/espaces/${id}`);
    await page.waitForURL(/\/connexion\?retour=/);
    await page.getByLabel("Adresse électronique").fill(MEMBRE);
    await page.getByLabel("Mot de passe", { exact: true }).fill("atelier-demo-2026");
    await page.getByRole("button", { name: "Se connecter" }).click();
    await page.waitForURL(`${app.url}/espaces/${id}`);

    await page.getByRole("heading", { level: 1, name: "Accès refusé" }).waitFor();
    await expect.poll(() => page.title()).toBe("Accès refusé — Atelier");
    // It says whose the space is (its name is public in the directory), nothing of what it holds.
    await page.getByText(`c'est l'espace du ${sudOuest!.name}`).waitFor();
    expect(sudOuest!.description).not.toBe("");
    expect(await page.locator("body").innerText()).not.toContain(sudOuest!.description);
    await screenshot(page, "acces-refuse");

    await page.getByLabel("Votre message (facultatif)").fill("Je coordonne le volet protection de l'enfance.");
    await page.getByRole("button", { name: "Demander l'accès" }).click();
    await page.locator(".fr-alert--success").waitFor();
    expect(await page.locator("body").innerText()).not.toContain(sudOuest!.description);
    // The confirmation is announced to screen readers too.
    await expect.poll(() => page.getByTestId("annonces").textContent()).not.toBe("");

    // The space's pilote sees the request on the space page and grants a role.
    const pilote = (await browse()).page;
    await logIn(pilote, app.url, "pilote.sud-ouest@atelier.test", undefined, `/espaces/${id}`);
    await pilote.getByRole("heading", { level: 2, name: "Demandes d'accès" }).waitFor();
    const request = pilote.locator("article", { hasText: "Marie Membre" });
    expect(await request.innerText()).toContain("Je coordonne le volet protection de l'enfance.");
    await screenshot(pilote, "demandes-acces");
    await request.getByLabel("Rôle à accorder à Marie Membre").selectOption("membre");
    await request.getByRole("button", { name: "Accorder l'accès" }).click();
    await pilote.getByTestId("membres").getByRole("cell", { name: "Marie Membre", exact: true }).waitFor();

    // Now the space opens for her.
    await page.reload();
    await page.getByRole("heading", { level: 1, name: sudOuest!.name }).waitFor();
  });

  test("an id that does not exist shows that the space cannot be found", async () => {
    const { page } = await browse();
    await logIn(page, app.url, MEMBRE);
    await page.getByRole("heading", { level: 1, name: "Mes espaces" }).waitFor();
    await page.goto(`${app.url}/espaces/00000000-0000-4000-8000-000000000000`);
    await page.getByRole("heading", { level: 1, name: "Espace introuvable" }).waitFor();
    await expect.poll(() => page.title()).toBe("Espace introuvable — Atelier");
  });

  test("a wrong password gets the API's French message, tied to the fields", async () => {
    const { page } = await browse();
    await logIn(page, app.url, MEMBRE, "pas-le-bon-mot-de-passe");
    const alert = page.locator("#connexion-erreur");
    await alert.waitFor();
    expect(await alert.innerText()).toContain("Adresse électronique ou mot de passe incorrect.");
    expect(await page.getByLabel("Mot de passe", { exact: true }).getAttribute("aria-describedby")).toContain("connexion-erreur");
  });
});

describe("a territorial pilote", () => {
  test("changes a member's role and removes a member, each told through the live region", async () => {
    const { page } = await browse();
    const id = await app.spaceId("grand-sud");
    await logIn(page, app.url, "pilote.grand-sud@atelier.test", undefined, `/espaces/${id}`);
    const members = page.getByTestId("membres");
    await members.waitFor();

    await members.getByLabel("Rôle de Léa Lectrice").selectOption("contributeur");
    await members.getByRole("button", { name: "Enregistrer le rôle de Léa Lectrice" }).click();
    await expect.poll(() => page.getByTestId("annonces").textContent()).toBe("Léa Lectrice est maintenant Contributeur (partenaire).");

    page.once("dialog", (dialog) => void dialog.accept());
    await members.getByRole("button", { name: "Retirer Karim Partenaire de l'espace" }).click();
    await members.getByRole("cell", { name: "Karim Partenaire", exact: true }).waitFor({ state: "detached" });

    const rows = await app.services.db.query<{ email: string; role: string }>(
      "SELECT u.email, m.role FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.space_id = $1 ORDER BY u.email",
      [id],
    );
    expect(rows.find((r) => r.email === "lecteur.grand-sud@atelier.test")?.role).toBe("contributeur");
    expect(rows.some((r) => r.email === "partenaire@atelier.test")).toBe(false);
  });
});
