/**
 * The public site's kept pages through HTTP: a visit served from memory is the page as rendered,
 * a change anywhere (a route of this instance, or another instance's write on the same database)
 * is seen at the next visit, and a kept form page still hands every visitor a fresh timing value.
 */
import { beforeAll, expect, it } from "vitest";
import { spaceId, startTestServer, type Client, type TestServer } from "../../test/harness.js";
import { TIMING } from "./form-guard.js";

let server: TestServer;
let visitor: Client;
let pilote: Client;
let grandSud: string;
let assises: { url: string; title: string; id: string };

const EVENT = {
  kind: "assises-interregionales",
  title: "Assises interrégionales du Grand-Sud",
  summary: "Premier livrable : état des lieux, pratiques inspirantes, leviers d'action.",
  startsAt: "2027-01-31T09:30",
  endsAt: "2027-01-31T17:00",
  timeZone: "Europe/Paris",
  place: "Palais du Pharo",
  address: "58 boulevard Charles Livon, 13007 Marseille",
  published: true,
  registrationOpen: true,
};

async function publish(body: object) {
  const r = await pilote.post(`/api/spaces/${grandSud}/events`, { ...EVENT, ...body });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.event as { id: string; slug: string; title: string };
}

const timingOf = (html: string) => new RegExp(`name="${TIMING}" value="([^"]+)"`).exec(html)?.[1];

beforeAll(async () => {
  server = await startTestServer({ PAGE_CACHE_SECONDS: "600" });
  visitor = server.client();
  pilote = await server.as("pilote.grand-sud@atelier.test");
  grandSud = await spaceId(server, "grand-sud");
  const e = await publish({});
  assises = { ...e, url: `/evenements/${e.slug}` };
});

it("serves a kept page again as it was rendered, with its ETag, and a 304 to the same ETag", async () => {
  const first = await visitor.raw("GET", "/evenements");
  const second = await visitor.raw("GET", "/evenements");
  expect(second.status).toBe(200);
  expect(second.headers.get("etag")).toBe(first.headers.get("etag"));
  expect(await second.text()).toBe(await first.text());
  expect(second.headers.get("content-type")).toContain("text/html");
  expect(second.headers.get("cache-control")).toBe("public, no-cache");
  expect((await visitor.raw("GET", "/evenements", { headers: { "if-none-match": first.headers.get("etag")! } })).status).toBe(304);
});

it("shows a change made through the workspace at the next visit, and refuses the old ETag", async () => {
  const before = await visitor.raw("GET", "/evenements");
  const tag = before.headers.get("etag")!;
  await publish({ kind: "evenement-regional", title: "Rencontre des bénévoles de Marseille", registrationOpen: false });
  const after = await visitor.raw("GET", "/evenements", { headers: { "if-none-match": tag } });
  expect(after.status).toBe(200);
  expect(await after.text()).toContain("Rencontre des bénévoles de Marseille");
});

it("shows a change another instance wrote to the database, with nothing told to this one", async () => {
  expect((await visitor.get(assises.url)).body).toContain(assises.title);
  await server.services.db.query("UPDATE agenda_events SET title = $1 WHERE id = $2", ["Assises Grand-Sud (salle changée)", assises.id]);
  const page = (await visitor.get(assises.url)).body as string;
  expect(page).toContain("Assises Grand-Sud (salle changée)");
  await server.services.db.query("UPDATE agenda_events SET title = $1 WHERE id = $2", [assises.title, assises.id]);
});

it("keeps a page with a form the same for revalidation while each visitor gets a fresh timing value", async () => {
  const first = await visitor.raw("GET", assises.url);
  const html = await first.text();
  expect(html).toContain("Recevoir le lien de confirmation");
  await new Promise((r) => setTimeout(r, 5));
  const second = await visitor.raw("GET", assises.url);
  const again = await second.text();
  expect(second.headers.get("etag")).toBe(first.headers.get("etag"));
  expect(timingOf(html)).toMatch(/^\d+\./);
  expect(timingOf(again)).toMatch(/^\d+\./);
  expect(timingOf(again)).not.toBe(timingOf(html));
  expect((await visitor.raw("GET", assises.url, { headers: { "if-none-match": first.headers.get("etag")! } })).status).toBe(304);
});

it("keeps apart what a signed-in person sees and what a visitor sees", async () => {
  const member = await server.as("membre.grand-sud@atelier.test");
  await visitor.raw("GET", "/");
  const signedIn = await (await member.raw("GET", "/")).text();
  expect(signedIn).toContain("Mes espaces");
  expect(await (await visitor.raw("GET", "/")).text()).not.toContain("Mes espaces");
});
