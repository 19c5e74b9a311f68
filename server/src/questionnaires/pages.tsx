/** @jsxImportSource hono/jsx */
/**
 * The questionnaires on the public site, as classic forms (no JavaScript needed): the open ones,
 * and a page per questionnaire where a visitor chooses their group of actors and answers.
 *
 * What counts: an answer given without an address counts at once (nothing to confirm, and asking
 * for an address would make anonymous answers impossible); one given with an address counts once
 * the address is confirmed from the mail, so nobody is sent mail nor named in an answer they did not
 * give. Either way the receipt on screen carries the link to withdraw the answer; the mail too.
 * Answers are never shown to a visitor: only the committee reads them, in its space.
 */
import { answerForm } from "@atelier/shared";
import type { Services } from "../context.js";
import { clientAddress } from "../http/client-address.js";
import { HttpError } from "../http/errors.js";
import { appLink } from "../mail/links.js";
import { authorizeVisitor } from "../policy/index.js";
import { Cards } from "../public-site/cards.js";
import { formField, parseForm, TokenForm } from "../public-site/fields.js";
import { publicRouter, render } from "../public-site/render.js";
import { AnswerForm, type Values } from "./answer-form.js";
import { receiptMail } from "./mails.js";
import { answerByToken, confirmAnswer, openQuestionnaires, questionnaireById, questionnaireBySlug, recordAnswer, withdrawAnswer, type QuestionnaireRow } from "./queries.js";

/** An open or closed questionnaire by its slug, else the visitor's 404 (a draft is not told apart from none). */
async function visibleQuestionnaire(s: Services, slug: string): Promise<QuestionnaireRow> {
  const qn = await questionnaireBySlug(s.db, slug);
  authorizeVisitor("questionnaire.answer", { published: qn !== undefined && qn.status !== "brouillon" });
  return qn!;
}

/** The respondent's link, or a page saying it no longer works. */
async function answerOf(s: Services, token: string) {
  const a = token ? await answerByToken(s.db, token) : undefined;
  const qn = a ? await questionnaireById(s.db, a.questionnaire_id) : undefined;
  if (!a || !qn) throw new HttpError(404, "not_found", "Ce lien ne fonctionne plus : la réponse a été retirée ou effacée.");
  return { a, qn };
}

const meta = (title: string, path: string) => ({ title, description: "", path });

export function questionnairePages(s: Services) {
  const site = publicRouter(s);

  site.page("/questionnaire", async (c) => {
    authorizeVisitor("site.read");
    const open = await openQuestionnaires(s.db);
    return render(
      c,
      s,
      { title: "Questionnaire", description: "Donnez votre avis aux comités des États généraux du travail social : professionnels, bénévoles, usagers, élus…", path: "/questionnaire" },
      <>
        <h1>Questionnaire aux acteurs du travail social</h1>
        <p class="fr-text--lead">
          Professionnels, bénévoles, employeurs, formateurs, élus, personnes concernées : les comités des États généraux veulent
          connaître votre regard. Répondre prend une dizaine de minutes, sans compte.
        </p>
        <Cards
          level={2}
          empty="Aucun questionnaire n'est ouvert pour le moment."
          cards={open.map((qn) => ({ href: `/questionnaires/${qn.slug}`, title: qn.title, desc: `Proposé par ${qn.space_name}.` }))}
        />
      </>,
    );
  });

  site.page("/questionnaires/:slug", async (c) => {
    const qn = await visibleQuestionnaire(s, c.req.param("slug") ?? "");
    return render(
      c,
      s,
      { title: qn.title, description: `Questionnaire proposé par ${qn.space_name} aux acteurs du travail social.`, path: `/questionnaires/${qn.slug}` },
      <>
        <h1>{qn.title}</h1>
        <p class="fr-text--lead">Questionnaire proposé par {qn.space_name}.</p>
        {qn.status === "ouvert" ? <AnswerForm qn={qn} s={s} /> : <p>Ce questionnaire est clos : il ne reçoit plus de réponses. Merci à celles et ceux qui y ont répondu.</p>}
      </>,
    );
  });

  site.post("/questionnaires/:slug", async (c) => {
    const slug = c.req.param("slug") ?? "";
    const body = (await c.req.parseBody()) as Record<string, unknown>;
    // Before anything is looked up or written: limits, honeypot, timing.
    await s.formGuard.check(body, clientAddress(c, s.config.TRUST_PROXY), `questionnaire:${slug}`);
    const qn = await visibleQuestionnaire(s, slug);
    if (qn.status !== "ouvert") throw new HttpError(409, "questionnaire_closed", "Ce questionnaire est clos : il ne reçoit plus de réponses.");
    const names = ["groupe", "organisation", "email", "telephone", "commentaire", ...qn.questions.map((_, i) => `reponse-${i + 1}`)];
    const values: Values = Object.fromEntries(names.map((n) => [n, formField(body, n)]));
    const parsed = parseForm(answerForm(qn.questions.length), values);
    if ("errors" in parsed) {
      return render(
        c,
        s,
        meta(`Erreur dans le formulaire — ${qn.title}`, `/questionnaires/${qn.slug}`),
        <>
          <h1>{qn.title}</h1>
          <AnswerForm qn={qn} s={s} values={values} errors={parsed.errors} message="Le formulaire contient des erreurs : corrigez les champs signalés." />
        </>,
        400,
      );
    }
    const form = parsed.data as Record<string, string>;
    const answers = qn.questions.map((_, i) => form[`reponse-${i + 1}`] ?? "");
    const { token } = await recordAnswer(s.db, qn.id, {
      groupe: form.groupe!,
      organisation: form.organisation ?? "",
      email: form.email ?? "",
      telephone: form.telephone ?? "",
      answers,
      commentaire: form.commentaire ?? "",
    });
    const withdraw = appLink(s.config, "/questionnaire/retirer", { jeton: token });
    if (form.email) {
      const given = [...qn.questions.map((question, i) => ({ question, answer: answers[i]! })), { question: "Commentaire libre", answer: form.commentaire ?? "" }];
      await s.mailer.send({ to: form.email, ...receiptMail(qn, given, { confirm: appLink(s.config, "/questionnaire/confirmer", { jeton: token }), withdraw }) });
    }
    return render(
      c,
      s,
      meta("Réponse envoyée", `/questionnaires/${qn.slug}`),
      <>
        <h1>Merci pour votre réponse</h1>
        <div class="fr-alert fr-alert--success fr-mb-3w">
          <h2 class="fr-alert__title">Accusé de réception</h2>
          <p>
            Votre réponse au questionnaire « {qn.title} » a été reçue le {new Date().toLocaleString("fr-FR", { timeZone: "Europe/Paris", dateStyle: "long", timeStyle: "short" })}, en tant que « {form.groupe} ».
          </p>
        </div>
        {form.email ? (
          <p>
            Un courriel vient d'être envoyé à <strong>{form.email}</strong> avec votre réponse. Ouvrez le lien qu'il contient pour la
            confirmer : sans confirmation, elle n'est pas prise en compte et elle est effacée après 24 heures.
          </p>
        ) : (
          <p>Votre réponse est prise en compte. Elle est anonyme : conservez le lien ci-dessous si vous souhaitez la retirer plus tard.</p>
        )}
        <p>
          <a class="fr-link" href={withdraw}>
            Retirer ma réponse
          </a>
        </p>
        <p>
          <a class="fr-link" href="/">
            Revenir à l'accueil
          </a>
        </p>
      </>,
    );
  });

  site.get("/questionnaire/confirmer", async (c) => {
    const token = c.req.query("jeton") ?? "";
    const { qn } = await answerOf(s, token);
    return render(
      c,
      s,
      meta("Confirmer ma réponse", "/questionnaire/confirmer"),
      <>
        <h1>Confirmer ma réponse</h1>
        <p>« {qn.title} »</p>
        <TokenForm action="/questionnaire/confirmer" token={token} label="Confirmer ma réponse" />
      </>,
    );
  });

  site.post("/questionnaire/confirmer", async (c) => {
    const token = formField(await c.req.parseBody(), "jeton");
    const { a, qn } = await answerOf(s, token);
    await confirmAnswer(s.db, a.id);
    return render(
      c,
      s,
      meta("Réponse confirmée", "/questionnaire/confirmer"),
      <>
        <h1>Réponse confirmée</h1>
        <p>Votre réponse au questionnaire « {qn.title} » est prise en compte. Merci !</p>
        <p>
          <a class="fr-link" href={appLink(s.config, "/questionnaire/retirer", { jeton: token })}>
            Retirer ma réponse
          </a>
        </p>
      </>,
    );
  });

  site.get("/questionnaire/retirer", async (c) => {
    const token = c.req.query("jeton") ?? "";
    const { qn } = await answerOf(s, token);
    return render(
      c,
      s,
      meta("Retirer ma réponse", "/questionnaire/retirer"),
      <>
        <h1>Retirer ma réponse</h1>
        <p>Votre réponse au questionnaire « {qn.title} » sera effacée : le comité ne la lira plus.</p>
        <TokenForm action="/questionnaire/retirer" token={token} label="Retirer ma réponse" />
      </>,
    );
  });

  site.post("/questionnaire/retirer", async (c) => {
    const token = formField(await c.req.parseBody(), "jeton");
    const { a, qn } = await answerOf(s, token);
    await withdrawAnswer(s, a);
    return render(
      c,
      s,
      meta("Réponse retirée", "/questionnaire/retirer"),
      <>
        <h1>Réponse retirée</h1>
        <p>Votre réponse au questionnaire « {qn.title} » est effacée.</p>
      </>,
    );
  });

  return site.app;
}
