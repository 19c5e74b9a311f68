/**
 * The agenda through HTTP: a pilote prepares events in the workspace; a visitor (no account) lists
 * and reads only the published ones, and gets calendars a maintained parser (ical.js) reads with
 * stable uids, time zones, SEQUENCE on change and STATUS:CANCELLED once cancelled.
 */
import ICAL from "ical.js";
import { beforeAll, describe, expect, it } from "vitest";
import { spaceId, startTestServer, type Client, type TestServer } from "../../test/harness.js";

let server: TestServer;
let pilote: Client;
let visitor: Client;
let grandSud: string;

const ASSISES = {
  kind: "assises-interregionales",
  title: "Assises interrégionales du Grand-Sud",
  summary: "Premier livrable : état des lieux, pratiques inspirantes, leviers d'action.",
  programme: "9 h 30 : accueil\n\n10 h : tables rondes",
  startsAt: "2027-01-31T09:30",
  endsAt: "2027-01-31T17:00",
  timeZone: "Europe/Paris",
  place: "Palais du Pharo",
  address: "58 boulevard Charles Livon, 13007 Marseille",
  themes: ["place-des-usagers"],
  published: true,
};

beforeAll(async () => {
  server = await startTestServer();
  pilote = await server.as("pilote.grand-sud@atelier.test");
  visitor = server.client();
  grandSud = await spaceId(server, "grand-sud");
});

/** The VEVENTs of an iCalendar text, as ical.js reads them. */
function vevents(text: string) {
  const cal = new ICAL.Component(ICAL.parse(text));
  return cal.getAllSubcomponents("vevent").map((c) => ({ component: c, event: new ICAL.Event(c), cal }));
}

async function create(body: object = ASSISES) {
  const r = await pilote.post(`/api/spaces/${grandSud}/events`, body);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.event as { id: string; slug: string; url: string; startsAt: string; startsLocal: string };
}

describe("a published event", () => {
  let event: Awaited<ReturnType<typeof create>>;
  beforeAll(async () => {
    event = await create();
  });

  it("stores the instant from the clock time of its zone, and reads it back as typed", () => {
    expect(event.startsAt).toBe("2027-01-31T08:30:00.000Z");
    expect(event.startsLocal).toBe("2027-01-31T09:30");
    expect(event.url).toBe(`/evenements/${event.slug}`);
  });

  it("is on the public list, filtered by territory and theme, and its page carries its data", async () => {
    const list = await visitor.get("/evenements");
    expect(list.status).toBe(200);
    expect(list.headers.get("content-type")).toContain("text/html");
    expect(list.body).toContain(ASSISES.title);
    expect((await visitor.get("/evenements?territoire=grand-sud")).body).toContain(ASSISES.title);
    expect((await visitor.get("/evenements?territoire=sud-ouest")).body).not.toContain(ASSISES.title);
    expect((await visitor.get("/evenements?theme=hebergement-logement")).body).not.toContain(ASSISES.title);
    expect((await visitor.get("/evenements?quand=passes")).body).not.toContain(ASSISES.title);

    const page = await visitor.get(event.url);
    expect(page.status).toBe(200);
    expect(page.body).toContain(`<title>${ASSISES.title} — États généraux du travail social</title>`);
    expect(page.body).toContain('<meta property="og:title" content="Assises interrégionales du Grand-Sud"/>');
    expect(page.body).toContain("dimanche 31 janvier 2027, de 09:30 à 17:00 (heure : France métropolitaine (Paris))");
    const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/.exec(page.body)![1]!);
    expect(ld).toMatchObject({ "@type": "Event", name: ASSISES.title, startDate: "2027-01-31T08:30:00.000Z", eventStatus: "https://schema.org/EventScheduled" });
    expect((await visitor.get("/")).body).toContain(ASSISES.title);
    expect((await visitor.get("/sitemap.xml")).body).toContain(`/evenements/${event.slug}</loc>`);
  });

  it("has an .ics in its time zone with a stable uid; a change raises SEQUENCE, a cancellation says so in the feeds", async () => {
    const first = await visitor.raw("GET", `${event.url}.ics`);
    expect(first.headers.get("content-type")).toContain("text/calendar");
    const [one] = vevents(await first.text());
    expect(one!.component.getFirstProperty("dtstart")?.getParameter("tzid")).toBe("Europe/Paris");
    expect(one!.event.startDate.toString()).toBe("2027-01-31T09:30:00");
    expect(one!.cal.getFirstSubcomponent("vtimezone")?.getFirstPropertyValue("tzid")).toBe("Europe/Paris");
    const uid = one!.event.uid;
    const sequence = one!.event.sequence;

    const moved = await pilote.patch(`/api/events/${event.id}`, { ...ASSISES, startsAt: "2027-01-31T10:00" });
    expect(moved.status).toBe(200);
    const [again] = vevents(await (await visitor.raw("GET", `${event.url}.ics`)).text());
    expect(again!.event.uid).toBe(uid);
    expect(again!.event.sequence).toBe(sequence + 1);
    expect(again!.event.startDate.toString()).toBe("2027-01-31T10:00:00");

    expect((await pilote.post(`/api/events/${event.id}/cancel`)).status).toBe(200);
    for (const feed of ["/evenements.ics", "/evenements.ics?territoire=grand-sud"]) {
      const found = vevents(await (await visitor.raw("GET", feed)).text()).find((v) => v.event.uid === uid);
      expect(found?.component.getFirstPropertyValue("status"), feed).toBe("CANCELLED");
      expect(found!.event.sequence).toBe(sequence + 2);
    }
    expect(vevents(await (await visitor.raw("GET", "/evenements.ics?territoire=sud-ouest")).text()).map((v) => v.event.uid)).not.toContain(uid);
    expect((await visitor.get(event.url)).body).toContain("Cet événement est annulé.");
  });

  it("is in the JSON other sites of the programme read", async () => {
    const r = await visitor.get("/evenements.json");
    expect(r.status).toBe(200);
    expect(r.body.events.map((e: { slug: string }) => e.slug)).toContain(event.slug);
  });
});

describe("an unpublished event", () => {
  it("is nowhere for a visitor: page, .ics, list, feeds, home, sitemap", async () => {
    const draft = await create({ ...ASSISES, title: "Réunion préparatoire confidentielle", published: false });
    for (const url of [draft.url, `${draft.url}.ics`]) {
      const r = await visitor.get(url);
      expect(r.status, url).toBe(404);
    }
    expect((await visitor.get(draft.url)).body).toContain("Page introuvable");
    for (const url of ["/evenements", "/evenements.ics", "/evenements.json", "/", "/sitemap.xml", "/plan-du-site"]) {
      const r = await visitor.raw("GET", url);
      expect(await r.text(), url).not.toContain("confidentielle");
    }
    // The workspace lists it for the pilote.
    const listed = await pilote.get(`/api/spaces/${grandSud}/events`);
    expect(listed.body.events.map((e: { id: string }) => e.id)).toContain(draft.id);
  });
});

describe("bad input", () => {
  it("is a 400 naming the field, in French, and nothing is stored", async () => {
    const before = await server.services.db.query("SELECT id FROM agenda_events");
    const r = await pilote.post(`/api/spaces/${grandSud}/events`, { ...ASSISES, endsAt: "2027-01-31T08:00", place: "" });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toContain("La fin doit venir après le début.");
    expect(r.body.error.message).toContain("Lieu : obligatoire.");
    expect(await server.services.db.query("SELECT id FROM agenda_events")).toHaveLength(before.length);
    expect((await pilote.patch("/api/events/00000000-0000-4000-8000-000000000000", ASSISES)).status).toBe(404);
  });
});
