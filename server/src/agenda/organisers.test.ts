/**
 * What happens around a registration after it is confirmed, through HTTP: the reminder the day
 * before (sent once, even by two runs at once), the organiser's mail to the registrants (audited),
 * the documents published with the event (downloadable only while attached to a published event),
 * and the purge of the registrants' data.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { spaceId, startTestServer, type Client, type TestServer } from "../../test/harness.js";
import { upload } from "../files/test-helpers.js";
import { lastMailTo, mailsTo } from "../mail/test-outbox.js";
import { HONEYPOT, TIMING, timingToken } from "../public-site/form-guard.js";
import { purgeRegistrations } from "./purge.js";
import { sendReminders } from "./reminders.js";

const FORM_SECRET = "un-secret-de-test-assez-long";
const HOUR = 3600 * 1000;

let server: TestServer;
let pilote: Client;
let visitor: Client;
let grandSud: string;

const RENCONTRE = {
  kind: "evenement-regional",
  title: "Rencontre régionale de Marseille",
  startsAt: "2027-03-10T09:00",
  endsAt: "2027-03-10T12:00",
  timeZone: "Europe/Paris",
  place: "Hôtel de région",
  address: "27 place Jules Guesde, 13002 Marseille",
  published: true,
  registrationOpen: true,
  capacity: 2,
};

beforeAll(async () => {
  server = await startTestServer({ FORM_SECRET });
  pilote = await server.as("pilote.grand-sud@atelier.test");
  visitor = server.client();
  grandSud = await spaceId(server, "grand-sud");
});

async function create(body: object) {
  const r = await pilote.post(`/api/spaces/${grandSud}/events`, body);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.event as { id: string; slug: string; url: string; startsAt: string; endsAt: string };
}

const formPost = (path: string, fields: Record<string, string>) =>
  visitor.raw("POST", path, { body: new URLSearchParams(fields), headers: { "content-type": "application/x-www-form-urlencoded" } });
const linkIn = (text: string, page: string) => new RegExp(`${page}\\?jeton=([a-z0-9]+)`).exec(text)![1]!;

/** A visitor fills the form; `confirm` follows the link of the mail. */
async function register(e: { url: string }, email: string, confirm = true) {
  const r = await formPost(`${e.url}/inscription`, {
    nom: `Inscrit ${email}`,
    organisation: "",
    groupe: "Bénévoles",
    email,
    [HONEYPOT]: "",
    [TIMING]: timingToken(FORM_SECRET, Date.now() - 10_000),
  });
  expect(r.status).toBe(200);
  if (confirm) {
    const token = linkIn((await lastMailTo(server, email)).text, "/inscriptions/confirmer");
    expect((await formPost("/inscriptions/confirmer", { jeton: token })).status).toBe(200);
  }
}

const csvOf = async (id: string) => (await pilote.raw("GET", `/api/events/${id}/registrations.csv`)).text();
const subjects = async (email: string) => (await mailsTo(server, email)).map((m) => m.subject);

describe("registrants", () => {
  let event: Awaited<ReturnType<typeof create>>;
  beforeAll(async () => {
    event = await create(RENCONTRE);
    // Two places: a and b hold them, c waits; d never confirms.
    for (const who of ["a", "b", "c"]) await register(event, `${who}@exemple.fr`);
    await register(event, "d@exemple.fr", false);
  });

  it("are reminded the day before, those holding a place only, once even when two runs go at once", async () => {
    const start = new Date(event.startsAt);
    // Two days before: too early.
    expect(await sendReminders(server.services, new Date(start.getTime() - 48 * HOUR))).toBe(0);
    const eve = new Date(start.getTime() - 12 * HOUR);
    const [one, two] = await Promise.all([sendReminders(server.services, eve), sendReminders(server.services, eve)]);
    expect(one + two).toBe(2);
    expect(await sendReminders(server.services, eve)).toBe(0);
    for (const who of ["a", "b"]) {
      expect((await subjects(`${who}@exemple.fr`)).filter((s) => s.startsWith("Rappel"))).toEqual(["Rappel : Rencontre régionale de Marseille, demain"]);
    }
    for (const who of ["c", "d"]) expect((await subjects(`${who}@exemple.fr`)).some((s) => s.startsWith("Rappel"))).toBe(false);
    // The reminder's cancel link works.
    const cancel = linkIn((await lastMailTo(server, "a@exemple.fr")).text, "/inscriptions/annuler");
    expect((await visitor.get(`/inscriptions/annuler?jeton=${cancel}`)).body).toContain("Annuler mon inscription");
  });

  it("hear nothing of a cancelled event", async () => {
    const other = await create({ ...RENCONTRE, title: "Rencontre annulée", startsAt: "2027-04-10T09:00", endsAt: "2027-04-10T12:00" });
    await register(other, "e@exemple.fr");
    await pilote.post(`/api/events/${other.id}/cancel`);
    expect(await sendReminders(server.services, new Date(new Date(other.startsAt).getTime() - 12 * HOUR))).toBe(0);
  });

  it("receive the organiser's mail, each with their cancel link; the send is audited; a visitor or a member cannot send", async () => {
    const body = { subject: "Accès au bâtiment", message: "L'entrée se fait par la rue de la République.\nMerci d'apporter une pièce d'identité." };
    expect((await visitor.post(`/api/events/${event.id}/registrants/mail`, body)).status).toBe(401);
    const membre = await server.as("membre.grand-sud@atelier.test");
    expect((await membre.post(`/api/events/${event.id}/registrants/mail`, body)).status).toBe(403);
    const empty = await pilote.post(`/api/events/${event.id}/registrants/mail`, { subject: "", message: "" });
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toContain("obligatoire");

    const r = await pilote.post(`/api/events/${event.id}/registrants/mail`, body);
    expect(r.status).toBe(200);
    expect(r.body.sent).toBe(3);
    for (const who of ["a", "b", "c"]) {
      const mail = await lastMailTo(server, `${who}@exemple.fr`);
      expect(mail.subject).toBe("Accès au bâtiment — Rencontre régionale de Marseille");
      expect(mail.text).toContain("L'entrée se fait par la rue de la République.");
      expect(mail.text).toContain("/inscriptions/annuler?jeton=");
    }
    // Not to the one who never confirmed.
    expect(await subjects("d@exemple.fr")).not.toContain("Accès au bâtiment — Rencontre régionale de Marseille");
    const [audit] = await server.services.db.query<{ details: { count: number; subject: string } }>(
      "SELECT details FROM audit_log WHERE kind = 'event.registrants_mailed' AND target_id = $1",
      [event.id],
    );
    expect(audit?.details).toMatchObject({ count: 3, subject: "Accès au bâtiment" });
  });

  it("are purged: the unconfirmed after a day, everyone some days after the event", async () => {
    const after = new Date(event.endsAt);
    await purgeRegistrations(server.services, new Date(Date.now() + 25 * HOUR));
    const d = linkIn((await lastMailTo(server, "d@exemple.fr")).text, "/inscriptions/confirmer");
    expect((await visitor.get(`/inscriptions/confirmer?jeton=${d}`)).status).toBe(404);
    expect(await csvOf(event.id)).toContain("a@exemple.fr");

    await purgeRegistrations(server.services, new Date(after.getTime() + (server.config.REGISTRATION_RETENTION_DAYS - 1) * 24 * HOUR));
    expect(await csvOf(event.id)).toContain("a@exemple.fr");
    await purgeRegistrations(server.services, new Date(after.getTime() + (server.config.REGISTRATION_RETENTION_DAYS + 1) * 24 * HOUR));
    const csv = await csvOf(event.id);
    for (const who of ["a", "b", "c"]) expect(csv).not.toContain(`${who}@exemple.fr`);
  });
});

describe("an event's documents", () => {
  let event: Awaited<ReturnType<typeof create>>;
  let past: Awaited<ReturnType<typeof create>>;
  let programme: string;
  let compteRendu: string;
  beforeAll(async () => {
    event = await create({ ...RENCONTRE, title: "Assises avec documents", registrationOpen: false, capacity: null });
    past = await create({ ...RENCONTRE, title: "Rencontre passée", startsAt: "2025-05-10T09:00", endsAt: "2025-05-10T12:00", registrationOpen: false, capacity: null });
    programme = (await upload(pilote, grandSud, "programme-assises.pdf", undefined, { title: "Programme des assises" })).body.file.id;
    compteRendu = (await upload(pilote, grandSud, "compte-rendu.pdf", undefined, { title: "Compte rendu de la rencontre" })).body.file.id;
  });

  it("are attached by the organiser from the space's library and listed with download links on the public page", async () => {
    // Not downloadable before it is attached.
    expect((await visitor.raw("GET", `${event.url}/documents/${programme}`)).status).toBe(404);
    const r = await pilote.post(`/api/events/${event.id}/documents`, { fileId: programme });
    expect(r.status).toBe(201);
    expect(r.body.documents).toMatchObject([{ fileId: programme, title: "Programme des assises", role: "document", url: `${event.url}/documents/${programme}` }]);

    const page = await visitor.get(event.url);
    expect(page.body).toContain('<h2 id="documents">Documents</h2>');
    expect(page.body).toContain(`href="${event.url}/documents/${programme}"`);
    expect(page.body).toContain("Programme des assises");
    const file = await visitor.raw("GET", `${event.url}/documents/${programme}`);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("application/pdf");
    expect(file.headers.get("content-disposition")).toContain("attachment");
    expect((await file.text()).startsWith("%PDF-1.4")).toBe(true);
    // Only through the event it is attached to.
    expect((await visitor.raw("GET", `${past.url}/documents/${programme}`)).status).toBe(404);
    const [audit] = await server.services.db.query("SELECT 1 FROM audit_log WHERE kind = 'event.document_attached' AND target_id = $1", [event.id]);
    expect(audit).toBeDefined();
  });

  it("take a compte rendu once the event is over, shown apart", async () => {
    const early = await pilote.post(`/api/events/${event.id}/documents`, { fileId: compteRendu, role: "compte-rendu" });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toContain("une fois l'événement terminé");
    expect((await pilote.post(`/api/events/${past.id}/documents`, { fileId: compteRendu, role: "compte-rendu" })).status).toBe(201);
    const page = await visitor.get(past.url);
    expect(page.body).toContain('<h2 id="compte-rendu">Compte rendu</h2>');
    expect((await visitor.raw("GET", `${past.url}/documents/${compteRendu}`)).status).toBe(200);
  });

  it("stop being public once detached, trashed, or the event unpublished", async () => {
    const url = `${event.url}/documents/${programme}`;
    expect((await pilote.delete(`/api/events/${event.id}/documents/${programme}`)).body.documents).toEqual([]);
    expect((await visitor.raw("GET", url)).status).toBe(404);
    expect((await visitor.get(event.url)).body).not.toContain("Programme des assises");

    await pilote.post(`/api/events/${event.id}/documents`, { fileId: programme });
    expect((await pilote.delete(`/api/files/${programme}`)).status).toBe(200);
    expect((await visitor.raw("GET", url)).status).toBe(404);
    expect((await visitor.get(event.url)).body).not.toContain("Programme des assises");
    await pilote.post(`/api/files/${programme}/restore`);
    expect((await visitor.raw("GET", url)).status).toBe(200);

    await pilote.patch(`/api/events/${event.id}`, { ...RENCONTRE, title: "Assises avec documents", registrationOpen: false, capacity: null, published: false });
    expect((await visitor.raw("GET", url)).status).toBe(404);
  });

  it("come only from the organising committee's library, and only the organisers attach them", async () => {
    const sudOuest = await spaceId(server, "sud-ouest");
    const elsewhere = (await upload(await server.as("pilote.sud-ouest@atelier.test"), sudOuest, "autre.pdf")).body.file.id;
    const admin = await server.as("admin@atelier.test");
    const r = await admin.post(`/api/events/${past.id}/documents`, { fileId: elsewhere });
    expect(r.status).toBe(422);
    expect(r.body.error.message).toContain("bibliothèque du comité");
    const membre = await server.as("membre.grand-sud@atelier.test");
    expect((await membre.post(`/api/events/${past.id}/documents`, { fileId: programme })).status).toBe(403);
    expect((await pilote.post(`/api/events/${past.id}/documents`, { fileId: "pas-un-id" })).status).toBe(400);
    expect((await pilote.delete(`/api/events/${past.id}/documents/pas-un-id`)).status).toBe(404);
    expect((await visitor.raw("GET", `${past.url}/documents/pas-un-id`)).status).toBe(404);
  });
});
