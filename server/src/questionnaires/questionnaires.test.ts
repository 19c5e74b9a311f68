/**
 * Questionnaires through HTTP: a committee creates one from the template and opens it; a visitor
 * answers (anonymously, or with an address that must be confirmed), gets a receipt and a link to
 * withdraw; the answers are never public; the committee reads them by group, exports them (audited)
 * and quotes a selection in a new document; respondents' details are erased after the retention.
 * A withdrawn answer leaves the synthèses quoting it, their versions included, even while a pilote
 * writes in one through the stock y-websocket client.
 */
import { WITHDRAWN_QUOTE } from "@atelier/editor";
import { QUESTIONNAIRE_TEMPLATE } from "@atelier/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { spaceId, startTestServer, type Client, type TestServer } from "../../test/harness.js";
import { connect, fragmentText, synced, until, type Peer } from "../collab/test-helpers.js";
import { lastMailTo, mailsTo } from "../mail/test-outbox.js";
import { HONEYPOT, TIMING, timingToken } from "../public-site/form-guard.js";
import { answersPurge } from "./purge.js";
import { recordAnswer } from "./queries.js";

const FORM_SECRET = "un-secret-de-test-assez-long";

let server: TestServer;
let pilote: Client;
let visitor: Client;
let grandSud: string;
let qn: { id: string; slug: string; url: string; status: string; answers: number };

const answers = async () => (await server.services.db.query("SELECT id FROM questionnaire_answers")).length;
/** A form as the page gave it, shown `shownSecondsAgo` ago. */
const form = (fields: Record<string, string>, shownSecondsAgo = 10) =>
  new URLSearchParams({ groupe: "Bénévoles", organisation: "", email: "", telephone: "", "reponse-1": "", "reponse-2": "", "reponse-3": "", commentaire: "", [HONEYPOT]: "", [TIMING]: timingToken(FORM_SECRET, Date.now() - shownSecondsAgo * 1000), ...fields });
const postForm = (c: Client, url: string, body: URLSearchParams | string) => c.raw("POST", url, { body, headers: { "content-type": "application/x-www-form-urlencoded" } });
const answer = (fields: Record<string, string>) => postForm(visitor, qn.url, form(fields));
const linkIn = (text: string, page: string) => new RegExp(`${page}\\?jeton=([a-z0-9]+)`).exec(text)![1]!;

beforeAll(async () => {
  server = await startTestServer({ FORM_SECRET });
  pilote = await server.as("pilote.grand-sud@atelier.test");
  visitor = server.client();
  grandSud = await spaceId(server, "grand-sud");
  const r = await pilote.post(`/api/spaces/${grandSud}/questionnaires`, {});
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  qn = r.body.questionnaire;
});

describe("a questionnaire from the template", () => {
  it("is a draft nobody reaches on the site until its committee opens it; then it is listed, linked from the home and events, and closes", async () => {
    expect(qn).toMatchObject({ status: "brouillon", answers: 0, slug: "grand-sud-la-place-des-usagers-dans-les-politiques-sociales" });
    expect((await visitor.get(qn.url)).status).toBe(404);
    expect((await visitor.get("/questionnaire")).body).not.toContain(QUESTIONNAIRE_TEMPLATE.title);

    const opened = await pilote.put(`/api/questionnaires/${qn.id}/status`, { status: "ouvert" });
    expect(opened.body.questionnaire.status).toBe("ouvert");
    const list = await visitor.get("/questionnaire");
    expect(list.body).toContain(`href="${qn.url}"`);
    expect(list.body).toContain("Proposé par COPIL territorial Grand-Sud");
    const page = await visitor.get(qn.url);
    expect(page.status).toBe(200);
    for (const question of QUESTIONNAIRE_TEMPLATE.questions) expect(page.body).toContain(question.replace(/'/g, "&#39;"));
    expect(page.body).toContain("Commentaire libre");
    expect(page.body).toContain("Vos données personnelles");
    expect(page.body).toContain('value="Bénévoles"');
    expect((await visitor.get("/")).body).toContain('href="/questionnaire"');
    const event = await pilote.post(`/api/spaces/${grandSud}/events`, {
      kind: "evenement-regional", title: "Rencontre", startsAt: "2027-03-01T14:00", endsAt: "2027-03-01T17:00", place: "Mairie", address: "1 place", published: true,
    });
    expect((await visitor.get(event.body.event.url)).body).toContain("Répondre au questionnaire");

    expect((await pilote.put(`/api/questionnaires/${qn.id}/status`, { status: "clos" })).body.questionnaire.status).toBe("clos");
    expect((await visitor.get(qn.url)).body).toContain("Ce questionnaire est clos");
    expect((await answer({ "reponse-1": "Trop tard" })).status).toBe(409);
    expect((await pilote.put(`/api/questionnaires/${qn.id}/status`, { status: "fermé" })).body.error.message).toBe("Statut inconnu : « ouvert » ou « clos ».");
    await pilote.put(`/api/questionnaires/${qn.id}/status`, { status: "ouvert" });
  });
});

describe("answering", () => {
  it("counts an anonymous answer at once, with a receipt on screen and a link that withdraws it", async () => {
    const sent = await answer({ "reponse-1": "Les usagers sont peu associés.", commentaire: "Ligne 1\nLigne 2" });
    expect(sent.status).toBe(200);
    const html = await sent.text();
    expect(html).toContain("Accusé de réception");
    expect(html).toContain("en tant que « Bénévoles »");
    const token = linkIn(html, "/questionnaire/retirer");
    expect((await pilote.get(`/api/spaces/${grandSud}/questionnaires`)).body.questionnaires[0].answers).toBe(1);

    expect((await visitor.get(`/questionnaire/retirer?jeton=${token}`)).body).toContain("Retirer ma réponse");
    const withdrawn = await postForm(visitor, "/questionnaire/retirer", new URLSearchParams({ jeton: token }));
    expect(await withdrawn.text()).toContain("Réponse retirée");
    expect((await pilote.get(`/api/questionnaires/${qn.id}/answers`)).body.answers).toEqual([]);
    expect((await visitor.get(`/questionnaire/retirer?jeton=${token}`)).status).toBe(404);
  });

  it("counts an answer with an address once the address is confirmed from the mail, which carries the receipt and the withdrawal link", async () => {
    const sent = await answer({ groupe: "Professionnels de terrain", email: "lea@exemple.fr", organisation: "CCAS de Nice", "reponse-2": "Des comités d'usagers." });
    expect(await sent.text()).toContain("Un courriel vient d&#39;être envoyé à <strong>lea@exemple.fr</strong>");
    expect((await pilote.get(`/api/questionnaires/${qn.id}/answers`)).body.answers).toEqual([]);
    const mail = await lastMailTo(server, "lea@exemple.fr");
    expect(mail.subject).toBe(`Confirmez votre réponse : ${QUESTIONNAIRE_TEMPLATE.title}`);
    expect(mail.text).toContain("Des comités d'usagers.");
    expect(mail.text).toContain("/questionnaire/retirer?jeton=");
    const token = linkIn(mail.text, "/questionnaire/confirmer");
    const confirmed = await postForm(visitor, "/questionnaire/confirmer", new URLSearchParams({ jeton: token }));
    expect(await confirmed.text()).toContain("Réponse confirmée");
    const read = (await pilote.get(`/api/questionnaires/${qn.id}/answers`)).body.answers;
    expect(read).toMatchObject([{ actorGroup: "Professionnels de terrain", organisation: "CCAS de Nice", email: "lea@exemple.fr", answers: ["", "Des comités d'usagers.", ""] }]);
  });

  it("names the wrong fields in French and keeps what was typed; refuses a robot and a 10 MB body; stores nothing", async () => {
    const before = await answers();
    const mailsBefore = (await mailsTo(server, "robot@exemple.fr")).length;
    const wrong = await answer({ groupe: "Martiens", email: "pas-une-adresse", "reponse-1": "Mon avis", commentaire: Array.from({ length: 11 }, (_, i) => `ligne ${i}`).join("\n") });
    expect(wrong.status).toBe(400);
    const html = await wrong.text();
    expect(html).toContain("Choisissez votre groupe d&#39;acteurs.");
    expect(html).toContain("Adresse électronique invalide.");
    expect(html).toContain("Le commentaire libre tient en 10 lignes au plus.");
    expect(html).toContain("Mon avis</textarea>");
    const empty = await answer({});
    expect(await empty.text()).toContain("Répondez à au moins une question.");
    expect((await answer({ "reponse-1": "spam", email: "robot@exemple.fr", [HONEYPOT]: "http://spam.example" })).status).toBe(400);
    const fast = await postForm(visitor, qn.url, form({ "reponse-1": "spam", email: "robot@exemple.fr" }, 0));
    expect(await fast.text()).toContain("trop rapide");
    expect((await postForm(visitor, qn.url, `reponse-1=${"x".repeat(10 * 1024 * 1024)}`)).status).toBe(413);
    expect(await answers()).toBe(before);
    expect((await mailsTo(server, "robot@exemple.fr")).length).toBe(mailsBefore);
  });
});

describe("the answers", () => {
  beforeAll(async () => {
    // Another address, since each one may post only a few forms an hour.
    const other = server.client();
    await postForm(other, qn.url, form({ groupe: "Bénévoles", "reponse-1": "=HYPERLINK(\"x\")", "reponse-3": "Un café des usagers; chaque mois" }));
  });

  it("are never a visitor's, nor another committee's, to read", async () => {
    // Another committee's pilote is refused (403) like anywhere in a space they do not read.
    expect((await visitor.get(`/api/questionnaires/${qn.id}/answers`)).status).toBe(401);
    const sudOuest = await server.as("pilote.sud-ouest@atelier.test");
    expect((await sudOuest.get(`/api/questionnaires/${qn.id}/answers`)).status).toBe(403);
    expect((await sudOuest.raw("GET", `/api/questionnaires/${qn.id}/answers.csv`)).status).toBe(403);
    expect((await visitor.get(qn.url)).body).not.toContain("Un café des usagers");
  });

  it("are filtered by group and exported as CSV (audited), formulas defused", async () => {
    const benevoles = (await pilote.get(`/api/questionnaires/${qn.id}/answers?groupe=B%C3%A9n%C3%A9voles`)).body.answers;
    expect(benevoles.map((a: { actorGroup: string }) => a.actorGroup)).toEqual(["Bénévoles"]);
    expect((await pilote.get(`/api/questionnaires/${qn.id}/answers?groupe=Martiens`)).body.error.message).toContain("Groupe d'acteurs inconnu.");
    const csv = await pilote.raw("GET", `/api/questionnaires/${qn.id}/answers.csv?groupe=B%C3%A9n%C3%A9voles`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-disposition")).toContain(`reponses-${qn.slug}-benevoles.csv`);
    const lines = (await csv.text()).replace(/^\uFEFF/, "").split("\r\n");
    expect(lines[0]).toBe(["Reçue le", "Groupe d'acteurs", "Organisme", "Adresse électronique", "Téléphone", ...QUESTIONNAIRE_TEMPLATE.questions, "Commentaire libre"].map((h) => (h.includes(";") ? `"${h}"` : h)).join(";"));
    expect(lines[1]).toMatch(/;Bénévoles;;;;"'=HYPERLINK\(""x""\)";;"Un café des usagers; chaque mois";$/);
    expect(lines).toHaveLength(3);
    const [audit] = await server.services.db.query<{ kind: string; details: { count: number } }>("SELECT kind, details FROM audit_log WHERE target_id = $1", [qn.id]);
    expect(audit).toMatchObject({ kind: "questionnaire.answers_exported", details: { count: 1 } });
  });

  it("chosen, become a synthesis document of the space that quotes them", async () => {
    const all = (await pilote.get(`/api/questionnaires/${qn.id}/answers`)).body.answers as { id: string; actorGroup: string }[];
    const chosen = all.find((a) => a.actorGroup === "Professionnels de terrain")!;
    const none = await pilote.post(`/api/questionnaires/${qn.id}/synthesis`, { title: "Synthèse", answerIds: [] });
    expect(none.body.error.message).toContain("Choisissez au moins une réponse.");
    const r = await pilote.post(`/api/questionnaires/${qn.id}/synthesis`, { title: "Synthèse des principales problématiques", answerIds: [chosen.id] });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const doc = await pilote.get(`/api/documents/${r.body.documentId}`);
    expect(doc.body.document).toMatchObject({ title: "Synthèse des principales problématiques", kind: "synthese", space: { id: grandSud } });
    const md = await (await pilote.raw("GET", `/api/documents/${r.body.documentId}/export?format=md`)).text();
    expect(md).toContain("Réponse 1 — Professionnels de terrain");
    expect(md).toContain("> Des comités d'usagers.");
    expect(md).not.toContain("Un café des usagers");
    expect(md).not.toContain("lea@exemple.fr");
    const lecteur = await server.as("lecteur.grand-sud@atelier.test");
    expect((await lecteur.post(`/api/questionnaires/${qn.id}/synthesis`, { title: "x", answerIds: [chosen.id] })).status).toBe(403);
  });

  it("lose their respondents' details after the retention delay, and an unconfirmed one is gone after a day", async () => {
    await postForm(server.client(), qn.url, form({ email: "jamais@exemple.fr", "reponse-1": "Jamais confirmée" }));
    await server.services.db.query("UPDATE questionnaire_answers SET created_at = now() - make_interval(days => $1::int + 1)", [server.config.QUESTIONNAIRE_RETENTION_DAYS]);
    await answersPurge.run(server.services);
    const rows = await server.services.db.query<{ email: string; organisation: string; answers: string[] }>("SELECT email, organisation, answers FROM questionnaire_answers ORDER BY created_at");
    expect(rows.length).toBe(2);
    expect(rows.every((r) => r.email === "" && r.organisation === "")).toBe(true);
    const read = (await pilote.get(`/api/questionnaires/${qn.id}/answers`)).body.answers;
    expect(read.map((a: { answers: string[] }) => a.answers[1])).toContain("Des comités d'usagers.");
  });
});

describe("withdrawing an answer quoted in synthèses", () => {
  const WITHDRAWN = "Les comités d'usagers se réunissent trop rarement, faute de moyens.";
  const KEPT = "Les élus écoutent peu les usagers.";
  let token: string;
  let live: string;
  let closed: string;
  let peer: Peer;
  const contentOf = async (id: string) => (await pilote.get(`/api/documents/${id}/content`)).body.content as string;
  /** Whether the database still holds the words anywhere for the document: its log, its versions. */
  const stored = async (id: string, words: string) => {
    const rows = await server.services.db.query<{ data: Uint8Array }>(
      "SELECT data FROM document_updates WHERE document_id = $1 UNION ALL SELECT state FROM document_versions WHERE document_id = $1",
      [id],
    );
    return rows.some((r) => Buffer.from(r.data).includes(words));
  };

  beforeAll(async () => {
    // Written as the public form writes them: the form is rate-limited per address, and every client here has the same.
    const given = (answers: string[], commentaire = "") => recordAnswer(server.services.db, qn.id, { groupe: "Élus locaux", organisation: "", email: "", telephone: "", answers, commentaire });
    ({ token } = await given([WITHDRAWN, "", ""], "Il faudrait\nles indemniser."));
    await given(["", KEPT, ""]);
    const all = (await pilote.get(`/api/questionnaires/${qn.id}/answers?groupe=%C3%89lus%20locaux`)).body.answers as { id: string }[];
    expect(all).toHaveLength(2);
    const synthesis = async (answerIds: string[]) => (await pilote.post(`/api/questionnaires/${qn.id}/synthesis`, { title: "Synthèse des élus", answerIds })).body.documentId as string;
    live = await synthesis(all.map((a) => a.id));
    closed = await synthesis([all[0]!.id]);
    // A named version of each holds the quote before it is withdrawn.
    for (const id of [live, closed]) expect((await pilote.post(`/api/documents/${id}/versions`, { name: "Avant le COPIL" })).status).toBe(201);
  });
  afterAll(() => peer?.destroy());

  it("replaces its quotes, moved and shortened, in the text a pilote is writing in, and keeps what she types meanwhile", async () => {
    peer = connect(server.url, pilote, live);
    await synced(peer);
    const fragment = peer.doc.getXmlFragment("default");
    const blocks = () => fragment.toArray() as Y.XmlElement[];
    // She co-edits the synthèse first: the quote shortened, moved to the end.
    const at = blocks().findIndex((b) => b.nodeName === "blockquote" && b.toString().includes("faute de moyens"));
    const words = (blocks()[at]!.get(0) as Y.XmlElement).get(0) as Y.XmlText;
    words.delete(words.toString().indexOf(", faute"), ", faute de moyens".length);
    peer.doc.transact(() => {
      const moved = blocks()[at]!.clone();
      fragment.delete(at, 1);
      fragment.push([moved]);
    });
    await until("citation déplacée enregistrée", async () => (await contentOf(live)).endsWith("Principales problématiques\n\nLes comités d'usagers se réunissent trop rarement."));

    // She goes on typing under "Principales problématiques" while the respondent withdraws.
    const typed = blocks().find((b) => b.nodeName === "paragraph" && b.toString() === "<paragraph></paragraph>")!;
    typed.insert(0, [new Y.XmlText("")]);
    const text = typed.get(0) as Y.XmlText;
    const typing = (async () => {
      for (const word of ["Manque ", "de ", "moyens ", "des ", "comités."]) {
        text.insert(text.length, word);
        await new Promise((r) => setTimeout(r, 15));
      }
    })();
    const withdrawn = await postForm(visitor, "/questionnaire/retirer", new URLSearchParams({ jeton: token }));
    expect(await withdrawn.text()).toContain("Réponse retirée");
    await typing;

    await until("citations retirées chez elle", () => !fragmentText(peer.doc).includes("réunissent") && !fragmentText(peer.doc).includes("indemniser"));
    expect(fragmentText(peer.doc)).toContain(WITHDRAWN_QUOTE);
    expect(fragmentText(peer.doc)).toContain(KEPT);
    await until("sa frappe enregistrée", async () => (await contentOf(live)).includes("Manque de moyens des comités."));
    const content = await contentOf(live);
    expect(content).not.toContain("réunissent");
    expect(content).not.toContain("indemniser");
    expect(content.split(WITHDRAWN_QUOTE)).toHaveLength(3);
    expect(content).toContain(KEPT);
    expect(content).toContain("Réponse 1 — Élus locaux");
    expect(fragmentText(peer.doc)).toContain("Manque de moyens des comités.");
  });

  it("leaves no trace of it in a synthèse nobody has open, in the versions, nor in what the database keeps", async () => {
    const content = await contentOf(closed);
    expect(content).not.toContain("réunissent");
    expect(content).toContain(WITHDRAWN_QUOTE);
    for (const id of [live, closed]) {
      const [version] = (await pilote.get(`/api/documents/${id}/versions`)).body.versions as { id: string; name: string }[];
      const read = (await pilote.get(`/api/documents/${id}/versions/${version!.id}`)).body;
      expect(read.version.name).toBe("Avant le COPIL");
      expect(read.text).not.toContain("réunissent");
      expect(read.text).toContain(WITHDRAWN_QUOTE);
      expect(await stored(id, "réunissent")).toBe(false);
      expect(await stored(id, "indemniser")).toBe(false);
    }
    expect(await stored(live, "écoutent peu")).toBe(true);
    expect(await server.services.db.query("SELECT 1 FROM questionnaire_quotes WHERE document_id = $1", [closed])).toEqual([]);
  });
});
