/**
 * An event's compte rendu written as a collaborative document, through HTTP: once the event is over
 * its organiser publishes the document's text (a snapshot) on the event's page, its images served
 * from the event's address; updated only when published again, off the page when the document is
 * trashed, and never on an unpublished event's.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { spaceId, startTestServer, type Client, type TestServer } from "../../test/harness.js";
import { attach, PNG } from "../attachments/test-helpers.js";
import { connect, fragmentText, readStored, synced, until, write } from "../collab/test-helpers.js";
import { setImages } from "../public-site/test-helpers.js";

let server: TestServer;
let pilote: Client;
let membre: Client;
let visitor: Client;
let grandSud: string;

beforeAll(async () => {
  server = await startTestServer();
  pilote = await server.as("pilote.grand-sud@atelier.test");
  membre = await server.as("membre.grand-sud@atelier.test");
  visitor = server.client();
  grandSud = await spaceId(server, "grand-sud");
});

const EVENT = { kind: "copil-public", title: "COPIL ouvert de Nice", startsAt: "2026-02-10T14:00", endsAt: "2026-02-10T17:00", place: "Mairie", address: "1 place de la Mairie, Nice", published: true };

async function event(body: object = EVENT) {
  const r = await pilote.post(`/api/spaces/${grandSud}/events`, body);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.event as { id: string; slug: string; url: string };
}

async function compteRendu(title: string): Promise<string> {
  const r = await membre.post(`/api/spaces/${grandSud}/documents`, { title, kind: "compte-rendu" });
  expect(r.status).toBe(201);
  return r.body.document.id;
}

/** Appends a paragraph through the socket, as a writer would; resolves once stored. */
async function writeText(documentId: string, text: string) {
  const peer = connect(server.url, membre, documentId);
  try {
    await synced(peer);
    write(peer, text);
    await until("enregistrement", async () => (await readStored(server.services.db, documentId, fragmentText)).includes(text));
  } finally {
    peer.destroy();
  }
}

const publish = (eventId: string, documentId: string) => pilote.put(`/api/events/${eventId}/report`, { documentId });

describe("an event's compte rendu as a document", () => {
  let e: Awaited<ReturnType<typeof event>>;
  let doc: string;
  let image: { id: string; url: string };

  it("is published by the organiser once the event is over, its text and images on the event's page", async () => {
    e = await event();
    doc = await compteRendu("Compte rendu du COPIL ouvert de Nice");
    await writeText(doc, "Quarante participants ont pris la parole.");
    image = (await attach(membre, doc, "salle.png")).body;
    await setImages(server, membre, doc, [image.url]);

    expect((await membre.put(`/api/events/${e.id}/report`, { documentId: doc })).status).toBe(403);
    const done = await publish(e.id, doc);
    expect(done.status).toBe(200);
    expect(done.body.report).toMatchObject({ documentId: doc, title: "Compte rendu du COPIL ouvert de Nice" });
    expect((await pilote.get(`/api/events/${e.id}/report`)).body.report.documentId).toBe(doc);

    const page = await visitor.get(e.url);
    expect(page.body).toContain('<h2 id="compte-rendu-texte">Compte rendu</h2>');
    expect(page.body).toContain("<p>Quarante participants ont pris la parole.</p>");
    expect(page.body).toContain(`<img src="${e.url}/images/${image.id}">`);
    const res = await visitor.raw("GET", `${e.url}/images/${image.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("cache-control")).toBe("public, no-cache");
    expect(Buffer.from(await res.arrayBuffer())).toEqual(PNG);
  }, 30_000);

  it("shows the snapshot until updated on the site", async () => {
    await writeText(doc, "Prochaine réunion en mars.");
    expect((await visitor.get(e.url)).body).not.toContain("Prochaine réunion en mars.");
    await setImages(server, membre, doc, []);
    expect((await publish(e.id, doc)).status).toBe(200);
    const page = (await visitor.get(e.url)).body;
    expect(page).toContain("Prochaine réunion en mars.");
    expect(page).not.toContain("/images/");
    expect((await visitor.raw("GET", `${e.url}/images/${image.id}`)).status).toBe(404);
  }, 30_000);

  it("is off the page at once when its document is trashed, and on no unpublished event's", async () => {
    await setImages(server, membre, doc, [image.url]);
    expect((await publish(e.id, doc)).status).toBe(200);
    expect((await pilote.delete(`/api/documents/${doc}`)).status).toBeLessThan(300);
    expect((await visitor.get(e.url)).body).not.toContain("Quarante participants");
    expect((await visitor.raw("GET", `${e.url}/images/${image.id}`)).status).toBe(404);
    expect((await pilote.get(`/api/events/${e.id}/report`)).body.report).toBeNull();

    const hidden = await event({ ...EVENT, title: "COPIL fermé de Nice", published: false });
    const other = await compteRendu("Compte rendu du COPIL fermé");
    await writeText(other, "Texte du COPIL fermé.");
    const otherImage = (await attach(membre, other, "plan.png")).body;
    await setImages(server, membre, other, [otherImage.url]);
    expect((await publish(hidden.id, other)).status).toBe(200);
    expect((await visitor.get(hidden.url)).status).toBe(404);
    expect((await visitor.raw("GET", `${hidden.url}/images/${otherImage.id}`)).status).toBe(404);
  }, 30_000);

  it("refuses an event not yet over and a document of another space", async () => {
    const ahead = await event({ ...EVENT, title: "COPIL à venir", startsAt: "2030-02-10T14:00", endsAt: "2030-02-10T17:00" });
    const text = await compteRendu("Compte rendu anticipé");
    await writeText(text, "Pas encore.");
    expect((await publish(ahead.id, text)).status).toBe(409);
    const past = await event({ ...EVENT, title: "COPIL passé" });
    const sudOuest = await (await server.as("pilote.sud-ouest@atelier.test")).post(`/api/spaces/${await spaceId(server, "sud-ouest")}/documents`, { title: "Ailleurs", kind: "compte-rendu" });
    expect((await publish(past.id, sudOuest.body.document.id)).status).toBe(403);
    const removed = await pilote.delete(`/api/events/${past.id}/report`);
    expect(removed.body.report).toBeNull();
  }, 30_000);
});
