/** @jsxImportSource hono/jsx */
/**
 * The answer form of a questionnaire's public page, a classic form: the group of actors, the
 * questions, the free comment (10 lines), the optional details, the information notice and the
 * hidden fields of the form guard (honeypot, signed timing).
 */
import { COMMENT_MAX, COMMENT_MAX_LINES, programme } from "@atelier/shared";
import type { Services } from "../context.js";
import { Field, GuardFields } from "../public-site/fields.js";
import type { QuestionnaireRow } from "./queries.js";

export type Values = Record<string, string>;

/** The ids of the form's controls start with it (and the group's fieldset is `questionnaire-groupe`). */
const PREFIX = "questionnaire";

function Notice({ days }: { days: number }) {
  return (
    <div class="fr-callout fr-my-3w">
      <h3 class="fr-callout__title fr-h6">Vos données personnelles</h3>
      <p class="fr-callout__text fr-text--sm">
        Vos réponses servent uniquement à préparer les travaux des États généraux du travail social : seul le comité qui publie
        ce questionnaire les lit, elles ne sont jamais publiées telles quelles. Votre organisme, votre adresse électronique et votre
        téléphone, tous facultatifs, permettent au comité de vous recontacter ; ils sont effacés {days} jours après votre réponse,
        qui reste alors anonyme. Une réponse avec une adresse non confirmée est effacée après 24 heures. Vous pouvez retirer votre
        réponse à tout moment par le lien affiché après l'envoi et, si vous donnez une adresse, reçu par courriel.
      </p>
    </div>
  );
}

export function AnswerForm({ qn, s, values = {}, errors = {}, message }: { qn: QuestionnaireRow; s: Services; values?: Values; errors?: Values; message?: string }) {
  return (
    <>
      {message ? (
        <div class="fr-alert fr-alert--error fr-mb-3w" role="alert">
          <p>{message}</p>
        </div>
      ) : null}
      <form method="post" action={`/questionnaires/${qn.slug}`} class="fr-col-12 fr-col-md-10">
        <p class="fr-hint-text">Seul le groupe d'acteurs est obligatoire ; répondez aux questions qui vous parlent.</p>
        <fieldset class={`fr-fieldset${errors.groupe ? " fr-fieldset--error" : ""}`} id="questionnaire-groupe" aria-labelledby="questionnaire-groupe-legende" role={errors.groupe ? "group" : undefined}>
          <legend class="fr-fieldset__legend" id="questionnaire-groupe-legende">
            Vous répondez en tant que
          </legend>
          {programme.actors.map((a, i) => (
            <div class="fr-fieldset__element">
              <div class="fr-radio-group">
                <input type="radio" id={`groupe-${i}`} name="groupe" value={a} checked={values.groupe === a} />
                <label class="fr-label" for={`groupe-${i}`}>
                  {a}
                </label>
              </div>
            </div>
          ))}
          {errors.groupe ? (
            <div class="fr-messages-group">
              <p class="fr-message fr-message--error">{errors.groupe}</p>
            </div>
          ) : null}
        </fieldset>
        <h2 class="fr-h4">Vos réponses</h2>
        {qn.questions.map((question, i) => (
          <Field prefix={PREFIX} name={`reponse-${i + 1}`} label={`${i + 1}. ${question}`} value={values[`reponse-${i + 1}`]} rows={6} error={errors[`reponse-${i + 1}`]} />
        ))}
        <Field
          prefix={PREFIX}
          name="commentaire"
          label="Commentaire libre"
          hint={`${COMMENT_MAX_LINES} lignes maximum.`}
          value={values.commentaire}
          rows={COMMENT_MAX_LINES}
          maxlength={COMMENT_MAX}
          error={errors.commentaire}
        />
        <h2 class="fr-h4">Vous (facultatif)</h2>
        <Field prefix={PREFIX} name="organisation" label="Organisme (ou association, ou administration)" value={values.organisation} autocomplete="organization" error={errors.organisation} />
        <Field
          prefix={PREFIX}
          name="email"
          label="Adresse électronique"
          hint="Format attendu : nom@domaine.fr. Pour recevoir votre réponse et le lien pour la retirer ; elle comptera une fois l'adresse confirmée."
          type="email"
          value={values.email}
          autocomplete="email"
          error={errors.email}
        />
        <Field prefix={PREFIX} name="telephone" label="Téléphone" type="tel" value={values.telephone} autocomplete="tel" error={errors.telephone} />
        <GuardFields prefix={PREFIX} />
        <Notice days={s.config.QUESTIONNAIRE_RETENTION_DAYS} />
        <button class="fr-btn" type="submit">
          Envoyer ma réponse
        </button>
      </form>
    </>
  );
}
