/**
 * Questionnaires through HTTP: a committee creates one from the template and opens it; a visitor
 * answers (anonymously, or with an address that must be confirmed), gets a receipt and a link to
 * withdraw; the answers are never public; the committee reads them by group, exports them (audited)
 * and quotes a selection in a new document; respondents' details are erased after the retention.
 */
import { QUESTIONNAIRE_TEMPLATE } from "@atelier/shared";
import { beforeAll, describe, expect, it } from "vitest";
import { spaceId, startTestServer, type Client, type TestServer } from "../../test/harness.js";
import { lastMailTo, mailsTo } from "../mail/test-outbox.js";
import { HONEYPOT, TIMING, timingToken } from "../public-site/form-guard.js";
import { answersPurge } from "./purge.js";

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
