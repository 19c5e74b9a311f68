/**
 * The public site's frame through HTTP: the home in French with the DSFR, the header that knows who
 * is signed in, revalidation by ETag, HTML error pages, and the app's API left as it was.
 */
import { beforeAll, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../../test/harness.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

it("shows a visitor the home, in French, with the DSFR's CSS, a way to sign in, and the territories", async () => {
  const r = await server.client().raw("GET", "/", { headers: { accept: "text/html" } });
  expect(r.status).toBe(200);
  const html = await r.text();
  expect(html.startsWith("<!doctype html>")).toBe(true);
  expect(html).toContain('<html lang="fr"');
  expect(html).toContain('<link rel="stylesheet" href="/dsfr/dsfr.min.css?v=1.14.2"/>');
  expect(html).toContain("<h1>États généraux du travail social</h1>");
  expect(html).toContain('href="/connexion"');
  expect(html).not.toContain("Mes espaces");
  expect(html).toContain('href="/evenements?territoire=grand-sud"');
  expect(html).not.toContain("<script");
  expect(r.headers.get("cache-control")).toBe("public, no-cache");
});

it("shows a signed-in member the way to their spaces, in a page no shared cache keeps", async () => {
  const member = await server.as("membre.grand-sud@atelier.test");
  const r = await member.raw("GET", "/");
  const html = await r.text();
  expect(html).toContain('href="/espaces"');
  expect(html).toContain("Mes espaces");
  expect(r.headers.get("cache-control")).toBe("private, no-cache");
  expect(r.headers.get("vary")).toContain("Cookie");
});

it("answers an unchanged page with a 304 on its ETag", async () => {
  const visitor = server.client();
  const first = await visitor.raw("GET", "/evenements");
  const tag = first.headers.get("etag");
  expect(tag).toBeTruthy();
  const again = await visitor.raw("GET", "/evenements", { headers: { "if-none-match": tag! } });
  expect(again.status).toBe(304);
  expect(await again.text()).toBe("");
});

it("says 'Page introuvable' as a page of the site, and leaves the API's JSON answers alone", async () => {
  const missing = await server.client().raw("GET", "/evenements/nulle-part");
  expect(missing.status).toBe(404);
  expect(missing.headers.get("content-type")).toContain("text/html");
  expect(await missing.text()).toContain("<h1>Page introuvable</h1>");
  const api = await server.client().raw("GET", "/api/health");
  expect(api.headers.get("etag")).toBeNull();
  expect((await server.client().get("/api/nulle-part")).body.error.code).toBe("unknown_route");
});

it("lists its pages for search engines", async () => {
  const r = await server.client().raw("GET", "/sitemap.xml");
  expect(r.headers.get("content-type")).toContain("application/xml");
  expect(await r.text()).toContain(`<loc>${server.config.publicUrl}/evenements</loc>`);
});
