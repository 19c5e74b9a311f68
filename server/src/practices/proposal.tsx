/** @jsxImportSource hono/jsx */
/**
 * "Proposer une pratique", as a classic form (no JavaScript needed): the fiche's fields, the
 * author's contact and the consent the fiche asks for. Defended like every public form
 * (form-guard.ts); it counts only once its author confirmed the address by the mailed link, and
 * then waits in the moderation queue of its territory's space.
 */
import { programme, PracticeProposalForm, practiceFieldLabel, type PracticeFieldKey } from "@atelier/shared";
import type { Services } from "../context.js";
import { clientAddress } from "../http/client-address.js";
import { HttpError } from "../http/errors.js";
import { appLink } from "../mail/links.js";
import { authorizeVisitor } from "../policy/index.js";
import { ChoiceField, Field, formField, GuardFields, parseForm, TokenForm } from "../public-site/fields.js";
import { render, type PublicRouter } from "../public-site/render.js";
import { confirmProposalMail } from "./mails.js";
import { confirmProposal, insertProposal, proposalByToken, territorySpace } from "./queries.js";

type Values = Record<string, string>;
const FORM_KEYS = Object.keys(PracticeProposalForm.shape);
const PAGE = "/pratiques-inspirantes/proposer";
const CONFIRM = "/pratiques-inspirantes/confirmer";

function Notice() {
  return (
    <div class="fr-callout fr-my-3w">
      <h2 class="fr-callout__title fr-h6">Vos données personnelles</h2>
      <p class="fr-callout__text fr-text--sm">
        Votre fiche et vos coordonnées (nom, adresse électronique, fonction) servent uniquement à l'examen de votre proposition par
        le comité de pilotage du territoire choisi, qui peut vous écrire à son sujet. Sans confirmation de votre adresse, la
        proposition est effacée après 24 heures. Une fois examinée, elle est effacée : refusée, avec tout ce qu'elle contient ;
        retenue, elle devient une fiche de travail du comité, vos coordonnées comprises dans la rubrique « Contact ». La fiche
        n'est publiée sur ce site, contact compris, que si vous avez répondu « oui » à l'accord pour diffusion publique ; le
        comité la retire du site à votre demande.
      </p>
    </div>
  );
}

const TEXT_AREAS: PracticeFieldKey[] = ["description", "conditions", "difficultes", "acteurs", "resultats", "criteres", "commentaires"];
const REQUIRED = new Set<PracticeFieldKey>(["projet", "etablissement", "public", "description"]);
const optional = (key: PracticeFieldKey) => (REQUIRED.has(key) ? "" : " (facultatif)");

function ErrorText({ id, error }: { id: string; error?: string }) {
  return error ? (
    <p class="fr-error-text" id={id}>
      {error}
    </p>
  ) : null;
}

function ProposalForm({ values = {}, errors = {} }: { values?: Values; errors?: Values }) {
  const field = (key: PracticeFieldKey, extra: { hint?: string } = {}) => (
    <Field prefix="pratique" name={key} label={`${practiceFieldLabel(key)}${optional(key)}`} value={values[key]} error={errors[key]} rows={TEXT_AREAS.includes(key) ? 5 : undefined} {...extra} />
  );
  return (
    <form method="post" action={PAGE} class="fr-col-12 fr-col-md-9">
      <p class="fr-hint-text">Tous les champs sont obligatoires sauf mention contraire.</p>
      <fieldset class="fr-fieldset">
        <legend class="fr-fieldset__legend">La pratique</legend>
        <div class="fr-fieldset__element">{field("projet")}</div>
        <div class="fr-fieldset__element">
          <ChoiceField
            prefix="pratique"
            name="territoire"
            label={practiceFieldLabel("territoire")}
            hint="Votre proposition est examinée par le comité de ce territoire."
            placeholder="Choisissez un territoire"
            options={programme.territories.map((t) => ({ value: t.slug, label: t.name }))}
            value={values.territoire}
            error={errors.territoire}
          />
        </div>
        <div class="fr-fieldset__element">{field("etablissement", { hint: "Par exemple : centre social, CCAS, foyer, association d'aide à domicile." })}</div>
        <div class="fr-fieldset__element">{field("public", { hint: "Par exemple : jeunes majeurs, familles, personnes âgées." })}</div>
        {(["description", "conditions", "difficultes", "acteurs", "resultats", "criteres"] as const).map((key) => (
          <div class="fr-fieldset__element">{field(key)}</div>
        ))}
      </fieldset>
      <fieldset class={`fr-fieldset${errors.accord ? " fr-fieldset--error" : ""}`} aria-labelledby="accord-legende" role="group">
        <legend class="fr-fieldset__legend" id="accord-legende">
          {practiceFieldLabel("accord")}
          <span class="fr-hint-text">Acceptez-vous que la fiche, contact compris, soit publiée sur ce site si le comité la retient ?</span>
        </legend>
        {(["oui", "non"] as const).map((v) => (
          <div class="fr-fieldset__element fr-fieldset__element--inline">
            <div class="fr-radio-group">
              <input type="radio" id={`pratique-accord-${v}`} name="accord" value={v} checked={values.accord === v} />
              <label class="fr-label" for={`pratique-accord-${v}`}>
                {v === "oui" ? "Oui" : "Non"}
              </label>
            </div>
          </div>
        ))}
        <div class="fr-messages-group" aria-live="polite">
          <ErrorText id="pratique-accord-erreur" error={errors.accord} />
        </div>
      </fieldset>
      <fieldset class="fr-fieldset">
        <legend class="fr-fieldset__legend">{practiceFieldLabel("contact")}</legend>
        <div class="fr-fieldset__element">
          <Field prefix="pratique" name="contact_nom" label="Nom et prénom" value={values.contact_nom} autocomplete="name" error={errors.contact_nom} />
        </div>
        <div class="fr-fieldset__element">
          <Field prefix="pratique" name="contact_email" label="Adresse électronique" hint="Format attendu : nom@domaine.fr. Un lien vous y sera envoyé pour confirmer." type="email" value={values.contact_email} autocomplete="email" error={errors.contact_email} />
        </div>
        <div class="fr-fieldset__element">
          <Field prefix="pratique" name="contact_fonction" label="Fonction (facultatif)" value={values.contact_fonction} autocomplete="organization-title" error={errors.contact_fonction} />
        </div>
      </fieldset>
      {field("commentaires")}
      <GuardFields prefix="pratique" />
      <Notice />
      <button class="fr-btn" type="submit">
        Recevoir le lien de confirmation
      </button>
    </form>
  );
}

function FormPage({ values, errors }: { values?: Values; errors?: Values }) {
  return (
    <>
      <h1>Proposer une pratique inspirante</h1>
      <p class="fr-text--lead">Décrivez un projet qui vous semble inspirant : le comité de pilotage du territoire l'examine et peut le publier sur ce site.</p>
      {errors ? (
        <div class="fr-alert fr-alert--error fr-mb-3w" role="alert">
          <p>Le formulaire contient des erreurs : corrigez les champs signalés.</p>
        </div>
      ) : null}
      <ProposalForm values={values} errors={errors} />
    </>
  );
}

const meta = (title: string, path: string) => ({ title, description: "Proposer une pratique inspirante au comité de pilotage de votre territoire.", path });

async function proposalOf(s: Services, token: string) {
  const p = token ? await proposalByToken(s.db, token) : undefined;
  if (!p) throw new HttpError(404, "not_found", "Ce lien ne fonctionne plus.");
  return p;
}

export function proposalPages(s: Services, site: PublicRouter) {
  site.get(PAGE, (c) => {
    authorizeVisitor("practice.propose");
    return render(c, s, meta("Proposer une pratique inspirante", PAGE), <FormPage />);
  });

  site.post(PAGE, async (c) => {
    const body = (await c.req.parseBody()) as Record<string, unknown>;
    // Before anything is looked up or written: limits, honeypot, timing.
    await s.formGuard.check(body, clientAddress(c, s.config.TRUST_PROXY), "pratique");
    authorizeVisitor("practice.propose");
    const values: Values = Object.fromEntries(FORM_KEYS.map((k) => [k, formField(body, k)]));
    const parsed = parseForm(PracticeProposalForm, values);
    if ("errors" in parsed) return render(c, s, meta("Erreur dans le formulaire — Proposer une pratique", PAGE), <FormPage values={values} errors={parsed.errors} />, 400);
    const form = parsed.data;
    const spaceId = await territorySpace(s.db, form.territoire);
    if (!spaceId) throw new HttpError(409, "no_committee", "Ce territoire n'a pas encore de comité pour examiner les propositions.");
    const token = await insertProposal(s.db, spaceId, form);
    await s.mailer.send({ to: form.contact_email, ...confirmProposalMail(form.projet, appLink(s.config, CONFIRM, { jeton: token })) });
    return render(
      c,
      s,
      meta("Vérifiez votre messagerie", PAGE),
      <>
        <h1>Vérifiez votre messagerie</h1>
        <p>
          Un courriel vient d'être envoyé à <strong>{form.contact_email}</strong>. Ouvrez le lien qu'il contient pour confirmer votre
          proposition « {form.projet} » : sans confirmation, elle n'est pas transmise au comité et elle est effacée après 24 heures.
        </p>
      </>,
    );
  });

  site.get(CONFIRM, async (c) => {
    const token = c.req.query("jeton") ?? "";
    const p = await proposalOf(s, token);
    return render(
      c,
      s,
      meta("Confirmer ma proposition", CONFIRM),
      <>
        <h1>Confirmer ma proposition</h1>
        <p>« {p.form.projet} »</p>
        {p.confirmed_at ? (
          <p>Cette proposition est déjà confirmée : le comité l'examinera.</p>
        ) : (
          <TokenForm action={CONFIRM} token={token} label="Confirmer ma proposition" />
        )}
      </>,
    );
  });

  site.post(CONFIRM, async (c) => {
    const p = await proposalOf(s, formField(await c.req.parseBody(), "jeton"));
    await confirmProposal(s.db, p.id);
    return render(
      c,
      s,
      meta("Proposition confirmée", CONFIRM),
      <>
        <h1>Proposition confirmée</h1>
        <p>Merci ! Votre proposition « {p.form.projet} » est transmise au comité de pilotage du territoire, qui vous écrira quand il l'aura examinée.</p>
        <p>
          <a class="fr-link" href="/pratiques-inspirantes">
            Voir les pratiques inspirantes
          </a>
        </p>
      </>,
    );
  });
}
