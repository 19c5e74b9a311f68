/**
 * The agenda through HTTP: a pilote prepares events in the workspace; a visitor (no account) lists
 * and reads only the published ones, and gets calendars a maintained parser (ical.js) reads with
 * stable uids, time zones, SEQUENCE on change and STATUS:CANCELLED once cancelled.
 */
import ICAL from "ical.js";
import { beforeAll, describe, expect, it } from "vitest";
import { spaceId, startTestServer, type Client, type TestServer } from "../../test/harness.js";
import { lastMailTo, mailsTo } from "../mail/test-outbox.js";
import { HONEYPOT, TIMING, timingToken } from "../public-site/form-guard.js";

const FORM_SECRET = "un-secret-de-test-assez-long";

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
  server = await startTestServer({ FORM_SECRET });
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
    // A cancelled event is no longer changed (calendars have dropped it).
    const cancelled = await create({ ...ASSISES, title: "Rencontre annulée" });
    await pilote.post(`/api/events/${cancelled.id}/cancel`);
    const edited = await pilote.patch(`/api/events/${cancelled.id}`, { ...ASSISES, title: "Rencontre rouverte" });
    expect(edited.status).toBe(409);
    expect(edited.body.error.message).toContain("annulé");
  });
});

describe("registration", () => {
  let event: Awaited<ReturnType<typeof create>>;
  const registrations = async () => (await server.services.db.query("SELECT id FROM agenda_registrations")).length;
  /** A form as the page gave it, shown `shownSecondsAgo` ago. */
  const form = (fields: Record<string, string>, shownSecondsAgo = 10) =>
    new URLSearchParams({ nom: "", organisation: "", groupe: "Bénévoles", email: "", [HONEYPOT]: "", [TIMING]: timingToken(FORM_SECRET, Date.now() - shownSecondsAgo * 1000), ...fields });
  const post = (body: URLSearchParams | string, headers: Record<string, string> = {}) =>
    visitor.raw("POST", `${event.url}/inscription`, { body, headers: { "content-type": "application/x-www-form-urlencoded", ...headers } });
  const linkIn = (text: string, page: string) => new RegExp(`${page}\\?jeton=([a-z0-9]+)`).exec(text)![1]!;

  beforeAll(async () => {
    event = await create({ ...ASSISES, title: "Rencontre régionale avec inscription", registrationOpen: true, capacity: 1 });
  });

  it("counts a registration only once its address is confirmed; the mail carries the .ics and a link to cancel; a cancellation gives the place to the one waiting", async () => {
    const page = await visitor.get(event.url);
    expect(page.body).toContain("1 place restante sur 1.");
    expect(page.body).toContain("Vos données personnelles");

    const sent = await post(form({ nom: "Léa Bénévole", email: "lea@exemple.fr" }));
    expect(sent.status).toBe(200);
    expect(await sent.text()).toContain("Vérifiez votre messagerie");
    expect((await visitor.get(`/api/spaces/${grandSud}/events`)).status).toBe(401);
    expect((await pilote.get(`/api/spaces/${grandSud}/events`)).body.events.find((e: { id: string }) => e.id === event.id).registrants).toBe(0);

    const token = linkIn((await lastMailTo(server, "lea@exemple.fr")).text, "/inscriptions/confirmer");
    expect((await visitor.get(`/inscriptions/confirmer?jeton=${token}`)).body).toContain("Confirmer mon inscription");
    const confirmed = await visitor.raw("POST", "/inscriptions/confirmer", { body: new URLSearchParams({ jeton: token }), headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect(await confirmed.text()).toContain("une place vous est réservée");
    const mail = await lastMailTo(server, "lea@exemple.fr");
    expect(mail.subject).toBe("Inscription confirmée : Rencontre régionale avec inscription");
    const ics = mail.attachments.find((a) => a.filename.endsWith(".ics"))!;
    expect(vevents(ics.content)[0]!.event.summary).toBe("Rencontre régionale avec inscription");
    const cancelToken = linkIn(mail.text, "/inscriptions/annuler");

    // The second one waits in line.
    await post(form({ nom: "Paul Usager", groupe: "Personnes concernées / usagers", email: "paul@exemple.fr" }));
    const paulToken = linkIn((await lastMailTo(server, "paul@exemple.fr")).text, "/inscriptions/confirmer");
    const waiting = await visitor.raw("POST", "/inscriptions/confirmer", { body: new URLSearchParams({ jeton: paulToken }), headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect(await waiting.text()).toContain("vous êtes sur la liste d&#39;attente, en position 1.");

    const cancelled = await visitor.raw("POST", "/inscriptions/annuler", { body: new URLSearchParams({ jeton: cancelToken }), headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect(await cancelled.text()).toContain("Inscription annulée");
    expect((await lastMailTo(server, "paul@exemple.fr")).subject).toBe("Une place s'est libérée : Rencontre régionale avec inscription");

    // The organiser exports the registrants (audited); a visitor cannot.
    const csv = await pilote.raw("GET", `/api/events/${event.id}/registrations.csv`);
    expect(csv.status).toBe(200);
    const text = await csv.text();
    expect(text).toContain("Paul Usager;;Personnes concernées / usagers;paul@exemple.fr;inscrit");
    expect(text).not.toContain("lea@exemple.fr");
    expect((await visitor.raw("GET", `/api/events/${event.id}/registrations.csv`)).status).toBe(401);
    const [audit] = await server.services.db.query<{ kind: string }>("SELECT kind FROM audit_log WHERE target_id = $1", [event.id]);
    expect(audit?.kind).toBe("event.registrants_exported");
  });

  it("leaves a confirmed registration as it is when anyone sends the form with its address; its owner gets the links again", async () => {
    const sent = await post(form({ nom: "Quelqu'un d'autre", organisation: "Inconnue", email: "paul@exemple.fr" }));
    expect(await sent.text()).toContain("Vérifiez votre messagerie");
    const text = await (await pilote.raw("GET", `/api/events/${event.id}/registrations.csv`)).text();
    expect(text).toContain("Paul Usager;;Personnes concernées / usagers;paul@exemple.fr;inscrit");
    expect(text).not.toContain("Quelqu'un d'autre");
    const mail = await lastMailTo(server, "paul@exemple.fr");
    expect(mail.subject).toBe("Inscription confirmée : Rencontre régionale avec inscription");
    const cancel = linkIn(mail.text, "/inscriptions/annuler");
    expect((await visitor.get(`/inscriptions/annuler?jeton=${cancel}`)).status).toBe(200);
  });

  it("refuses a robot (honeypot, too fast, forged timing), a wrong form with the fields named in French, and a 10 MB body: nothing is stored", async () => {
    const before = await registrations();
    const mailsBefore = (await mailsTo(server, "robot@exemple.fr")).length;
    expect((await post(form({ nom: "Robot", email: "robot@exemple.fr", [HONEYPOT]: "http://spam.example" }))).status).toBe(400);
    const fast = await post(form({ nom: "Robot", email: "robot@exemple.fr" }, 0));
    expect(fast.status).toBe(400);
    expect(await fast.text()).toContain("trop rapide");
    expect((await post(form({ nom: "Robot", email: "robot@exemple.fr", [TIMING]: `${Date.now() - 10_000}.faux` }))).status).toBe(400);
    const wrong = await post(form({ nom: "", email: "pas-une-adresse", groupe: "Martiens" }));
    expect(wrong.status).toBe(400);
    const html = await wrong.text();
    expect(html).toContain("Adresse électronique invalide.");
    expect(html).toContain("Choisissez votre groupe d&#39;acteurs.");
    expect(html).toContain('value="pas-une-adresse"');
    const huge = await post(`nom=${"x".repeat(10 * 1024 * 1024)}`);
    expect(huge.status).toBe(413);
    expect(await registrations()).toBe(before);
    expect((await mailsTo(server, "robot@exemple.fr")).length).toBe(mailsBefore);
  });

  it("throttles 1,000 posts from one address, and stores none of them", async () => {
    const before = await registrations();
    const statuses: number[] = [];
    for (let batch = 0; batch < 20; batch++) {
      const replies = await Promise.all(Array.from({ length: 50 }, (_, i) => post(form({ nom: "Flot", email: `flot${batch * 50 + i}@exemple.fr`, [HONEYPOT]: "x" }))));
      statuses.push(...replies.map((r) => r.status));
    }
    // Ten posts an hour from one address, whatever they hold: the rest are refused unread.
    const passed = statuses.filter((st) => st !== 429);
    expect(passed.length).toBeLessThanOrEqual(10);
    expect(new Set(passed)).toEqual(new Set(passed.length ? [400] : []));
    expect(await registrations()).toBe(before);
  }, 120_000);
});
