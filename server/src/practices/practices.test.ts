/**
 * Inspiring practices through HTTP and the socket: a visitor proposes one, confirms it by the mailed
 * link, the territory's pilote accepts it (a draft fiche pratique in the space) and publishes it once
 * its consent says oui; the public list, its filters, the page and the Atom feed show it, and never
 * a fiche that is not published. The form is defended like every public form.
 */
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { spaceId, startTestServer, type Client, type TestServer } from "../../test/harness.js";
import { connect, synced, until } from "../collab/test-helpers.js";
import { lastMailTo, mailsTo } from "../mail/test-outbox.js";
import { HONEYPOT, TIMING, timingToken } from "../public-site/form-guard.js";
import { proposalsPurge } from "./purge.js";

const FORM_SECRET = "un-secret-de-test-assez-long";

let server: TestServer;
let pilote: Client;
let membre: Client;
let visitor: Client;
let grandSud: string;

beforeAll(async () => {
  server = await startTestServer({ FORM_SECRET });
  pilote = await server.as("pilote.grand-sud@atelier.test");
  membre = await server.as("membre.grand-sud@atelier.test");
  visitor = server.client();
  grandSud = await spaceId(server, "grand-sud");
});

const FIELDS = {
  projet: "Le café des aidants de Toulon",
  territoire: "grand-sud",
  etablissement: "Centre social",
  public: "Aidants familiaux",
  description: "Un rendez-vous mensuel où les aidants se retrouvent autour d'un professionnel.\n\nSans inscription.",
  conditions: "Un lieu neutre et accueillant.",
  difficultes: "",
  acteurs: "CCAS, associations",
  resultats: "Moins d'isolement déclaré.",
  criteres: "",
  accord: "oui",
  contact_nom: "Inès Autrice",
  contact_email: "ines@exemple.fr",
  contact_fonction: "Animatrice",
  commentaires: "",
};

/** The form as the page gave it, shown `shownSecondsAgo` ago. */
const form = (fields: Record<string, string> = {}, shownSecondsAgo = 10) =>
  new URLSearchParams({ ...FIELDS, [HONEYPOT]: "", [TIMING]: timingToken(FORM_SECRET, Date.now() - shownSecondsAgo * 1000), ...fields });
const postForm = (url: string, body: URLSearchParams | string) =>
  visitor.raw("POST", url, { body, headers: { "content-type": "application/x-www-form-urlencoded" } });
const propose = (body: URLSearchParams | string) => postForm("/pratiques-inspirantes/proposer", body);
const tokenIn = (text: string) => /\/pratiques-inspirantes\/confirmer\?jeton=([a-z0-9]+)/.exec(text)![1]!;
const proposals = async () => (await server.services.db.query("SELECT id FROM practice_proposals")).length;
const queue = async () => (await pilote.get(`/api/spaces/${grandSud}/practice-proposals`)).body.proposals as { id: string; title: string; fields: { label: string; text: string }[] }[];

/** Proposes and confirms by the mailed link; returns the queued proposal. */
async function proposeAndConfirm(fields: Record<string, string>) {
  const sent = await propose(form(fields));
  expect(sent.status).toBe(200);
  expect(await sent.text()).toContain("Vérifiez votre messagerie");
  const token = tokenIn((await lastMailTo(server, fields.contact_email ?? FIELDS.contact_email)).text);
  expect((await visitor.get(`/pratiques-inspirantes/confirmer?jeton=${token}`)).body).toContain("Confirmer ma proposition");
  const confirmed = await postForm("/pratiques-inspirantes/confirmer", new URLSearchParams({ jeton: token }));
  expect(await confirmed.text()).toContain("Proposition confirmée");
  return (await queue()).find((p) => p.title === (fields.projet ?? FIELDS.projet))!;
}

/** Sets the text under a fiche's heading through the collaboration socket, as a writer would. */
async function setField(client: Client, documentId: string, heading: string, text: string) {
  const peer = connect(server.url, client, documentId);
  try {
    await synced(peer);
    const fragment = peer.doc.getXmlFragment("default");
    const children = fragment.toArray();
    const at = children.findIndex((n) => n instanceof Y.XmlElement && n.nodeName === "heading" && n.toString().includes(heading));
    const p = new Y.XmlElement("paragraph");
    p.insert(0, [new Y.XmlText(text)]);
    peer.doc.transact(() => {
      fragment.delete(at + 1, 1);
      fragment.insert(at + 1, [p]);
    });
    await until("enregistrement", async () => (await client.get(`/api/documents/${documentId}/content`)).body.content.includes(text));
  } finally {
    peer.destroy();
  }
}

describe("a practice proposed by a visitor", () => {
  let documentId: string;
  let url: string;

  it("counts only once confirmed, then waits in its territory's queue; the pilote accepts it as a draft fiche with its fields", async () => {
    const page = await visitor.get("/pratiques-inspirantes/proposer");
    expect(page.status).toBe(200);
    expect(page.body).toContain("Vos données personnelles");
    expect(page.body).toContain("Accord pour diffusion publique (oui/non)");

    const sent = await propose(form());
    expect(sent.status).toBe(200);
    expect(await queue()).toHaveLength(0);
    const proposal = await proposeAndConfirm({});
    expect(proposal.fields).toContainEqual({ label: "Contact : nom, prénom, adresse électronique, fonction", text: "Inès Autrice, ines@exemple.fr, Animatrice" });
    // Only the territory's pilotes moderate.
    expect((await membre.get(`/api/spaces/${grandSud}/practice-proposals`)).status).toBe(403);

    const accepted = await pilote.post(`/api/practice-proposals/${proposal.id}/accept`);
    expect(accepted.status).toBe(201);
    documentId = accepted.body.documentId;
    expect((await lastMailTo(server, "ines@exemple.fr")).subject).toBe("Votre proposition a été retenue : Le café des aidants de Toulon");
    expect(await queue()).toHaveLength(0);
    const doc = await pilote.get(`/api/documents/${documentId}`);
    expect(doc.body.document).toMatchObject({ title: FIELDS.projet, kind: "fiche-pratique", spaceId: grandSud });
    const text = (await pilote.get(`/api/documents/${documentId}/content`)).body.content as string;
    expect(text).toContain("Description du projet\n\nUn rendez-vous mensuel");
    expect(text).toContain("Territoire concerné\n\nGrand-Sud");
    // The same decision twice: the proposal is gone.
    expect((await pilote.post(`/api/practice-proposals/${proposal.id}/accept`)).status).toBe(404);
  });

  it("is published by its pilote only (the membre cannot), and shows on the list, its filters, its page, the home and the feed", async () => {
    expect((await membre.post(`/api/documents/${documentId}/publication`)).status).toBe(403);
    const before = await pilote.get(`/api/documents/${documentId}/publication`);
    expect(before.body.publication).toMatchObject({ published: false, consent: "oui", canPublish: true });
    const done = await pilote.post(`/api/documents/${documentId}/publication`);
    expect(done.status).toBe(200);
    url = done.body.publication.url;
    expect(url).toBe("/pratiques-inspirantes/le-cafe-des-aidants-de-toulon");

    const page = await visitor.get(url);
    expect(page.status).toBe(200);
    expect(page.body).toContain("<title>Le café des aidants de Toulon — États généraux du travail social</title>");
    expect(page.body).toContain("<h2 class=\"fr-h4\">Conditions de réussite du projet</h2>");
    expect(page.body).toContain("<p>Un lieu neutre et accueillant.</p>");
    expect(page.body).not.toContain("Accord pour diffusion publique");
    expect(page.body).not.toContain("Difficultés rencontrées");

    for (const q of ["", "?territoire=grand-sud", "?q=aidants", "?q=AIDANTS%20familiaux", "?public=Aidants%20familiaux", "?etablissement=Centre%20social"]) {
      expect((await visitor.get(`/pratiques-inspirantes${q}`)).body, q).toContain(FIELDS.projet);
    }
    for (const q of ["?territoire=sud-ouest", "?q=hebergement", "?public=Jeunes", "?theme=hebergement-logement"]) {
      expect((await visitor.get(`/pratiques-inspirantes${q}`)).body, q).not.toContain(FIELDS.projet);
    }
    expect((await visitor.get("/")).body).toContain(FIELDS.projet);
    expect((await visitor.get("/sitemap.xml")).body).toContain(`${url}</loc>`);

    const feed = await visitor.raw("GET", "/pratiques-inspirantes.atom");
    expect(feed.headers.get("content-type")).toContain("application/atom+xml");
    const xml = await feed.text();
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = new XMLParser().parse(xml);
    const entries = [parsed.feed.entry].flat();
    expect(entries.map((e: { title: string }) => e.title)).toContain(FIELDS.projet);
    expect(entries.find((e: { title: string }) => e.title === FIELDS.projet).id).toBe(`${server.services.config.publicUrl}${url}`);
  });

  it("shows the snapshot taken at publication until re-published; a consent withdrawn in the text takes it off the site at once", async () => {
    await setField(pilote, documentId, "Difficultés rencontrées", "Trouver des bénévoles.");
    expect((await visitor.get(url)).body).not.toContain("Trouver des bénévoles.");
    expect((await pilote.post(`/api/documents/${documentId}/publication`)).body.publication.url).toBe(url);
    expect((await visitor.get(url)).body).toContain("Trouver des bénévoles.");

    await setField(membre, documentId, "Accord pour diffusion publique", "non");
    expect((await visitor.get(url)).status).toBe(404);
    const refused = await pilote.post(`/api/documents/${documentId}/publication`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain("Accord pour diffusion publique");
  }, 30_000);

  it("is off the site at once when unpublished, or when its document goes to the trash", async () => {
    await setField(pilote, documentId, "Accord pour diffusion publique", "Oui, accord de l'autrice");
    expect((await pilote.post(`/api/documents/${documentId}/publication`)).status).toBe(200);
    expect((await visitor.get(url)).status).toBe(200);
    const off = await pilote.delete(`/api/documents/${documentId}/publication`);
    expect(off.body.publication.published).toBe(false);
    const gone = await visitor.get(url);
    expect(gone.status).toBe(404);
    expect(gone.body).toContain("Page introuvable");
    for (const page of ["/pratiques-inspirantes", "/", "/sitemap.xml", "/pratiques-inspirantes.atom"]) {
      expect(await (await visitor.raw("GET", page)).text(), page).not.toContain(FIELDS.projet);
    }

    expect((await pilote.post(`/api/documents/${documentId}/publication`)).status).toBe(200);
    expect((await pilote.delete(`/api/documents/${documentId}`)).status).toBeLessThan(300);
    expect((await visitor.get(url)).status).toBe(404);
  }, 30_000);
});

describe("publishing", () => {
  it("refuses a fiche whose consent is not oui, and a document that is not a fiche pratique", async () => {
    const fiche = await pilote.post(`/api/spaces/${grandSud}/documents`, { title: "Fiche vierge", kind: "fiche-pratique" });
    const r = await pilote.post(`/api/documents/${fiche.body.document.id}/publication`);
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe("no_consent");
    const livrable = await pilote.post(`/api/spaces/${grandSud}/documents`, { title: "Livrable", kind: "livrable" });
    expect((await pilote.post(`/api/documents/${livrable.body.document.id}/publication`)).status).toBe(409);
  });
});

describe("refusing a proposal", () => {
  it("mails the reason to its author and keeps nothing of it", async () => {
    const p = await proposeAndConfirm({ projet: "Une idée hors sujet", contact_email: "refus@exemple.fr" });
    expect((await pilote.post(`/api/practice-proposals/${p.id}/refuse`, { reason: "" })).status).toBe(400);
    expect((await pilote.post(`/api/practice-proposals/${p.id}/refuse`, { reason: "Ce projet ne relève pas du travail social." })).status).toBe(204);
    const mail = await lastMailTo(server, "refus@exemple.fr");
    expect(mail.subject).toBe("Votre proposition n'a pas été retenue : Une idée hors sujet");
    expect(mail.text).toContain("Ce projet ne relève pas du travail social.");
    expect((await server.services.db.query("SELECT id FROM practice_proposals WHERE email = 'refus@exemple.fr'")).length).toBe(0);
  });
});

describe("the proposal form", () => {
  it("names wrong fields in French and keeps what was typed; refuses a robot and a 10 MB body; stores nothing", async () => {
    const before = await proposals();
    const wrong = await propose(form({ projet: "", contact_email: "pas-une-adresse", accord: "peut-être" }));
    expect(wrong.status).toBe(400);
    const html = await wrong.text();
    expect(html).toContain("Indiquez le nom du projet.");
    expect(html).toContain("Dites si vous acceptez la diffusion publique de la fiche.");
    expect(html).toContain('value="pas-une-adresse"');
    expect(html).toContain("Un lieu neutre et accueillant.</textarea>");
    expect((await propose(form({ contact_email: "robot@exemple.fr", [HONEYPOT]: "http://spam.example" }))).status).toBe(400);
    expect(await (await propose(form({ contact_email: "robot@exemple.fr" }, 0))).text()).toContain("trop rapide");
    expect((await propose(`description=${"x".repeat(10 * 1024 * 1024)}`)).status).toBe(413);
    expect(await proposals()).toBe(before);
    expect(await mailsTo(server, "robot@exemple.fr")).toHaveLength(0);
  });

  it("leaves nothing of an abandoned proposal after a day", async () => {
    await propose(form({ projet: "Abandonnée", contact_email: "abandon@exemple.fr" }));
    await server.services.db.query("UPDATE practice_proposals SET created_at = now() - interval '25 hours' WHERE email = 'abandon@exemple.fr'");
    await proposalsPurge.run(server.services);
    expect((await server.services.db.query("SELECT id FROM practice_proposals WHERE email = 'abandon@exemple.fr'")).length).toBe(0);
  });

  it("throttles posts from one address and stores none of them", async () => {
    const before = await proposals();
    const replies = await Promise.all(Array.from({ length: 40 }, () => propose(form({ [HONEYPOT]: "x" }))));
    expect(replies.filter((r) => r.status === 429).length).toBeGreaterThanOrEqual(30);
    expect(replies.find((r) => r.status === 429)!.headers.get("retry-after")).toBeTruthy();
    expect(await proposals()).toBe(before);
  });
});
