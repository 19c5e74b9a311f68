/**
 * The space's "Questionnaires" section, for its co-writers: create one from the Grand-Sud template,
 * open and close it, read the answers by group of actors, export them (CSV) and create the
 * "synthèse des principales problématiques" from the answers chosen.
 */
import { formatDateTime, programme, QUESTIONNAIRE_STATUS_LABELS, QUESTIONNAIRE_TEMPLATE, type Questionnaire, type QuestionnaireAnswer } from "@atelier/shared";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { useState } from "react";
import { useNavigate } from "react-router";
import { LoadError } from "../components/LoadError";
import { Success } from "../components/Success";
import { useAction } from "../shell/useAction";
import { useLoad } from "../shell/useLoad";
import { answersCsvUrl, createAnswersSynthesis, createQuestionnaire, listAnswers, listSpaceQuestionnaires, setQuestionnaireStatus } from "./api";

function Answer({ a, questions, chosen, onChoose }: { a: QuestionnaireAnswer; questions: string[]; chosen: boolean; onChoose(on: boolean): void }) {
  const id = `reponse-${a.id}`;
  return (
    <li className="fr-mb-3w fr-p-2w" style={{ border: "1px solid var(--border-default-grey)" }}>
      <div className="fr-checkbox-group">
        <input type="checkbox" id={id} checked={chosen} onChange={(e) => onChoose(e.target.checked)} />
        <label className="fr-label" htmlFor={id}>
          {a.actorGroup}
          {a.organisation && ` — ${a.organisation}`}, le {formatDateTime(a.answeredAt, "Europe/Paris")}
          <span className="fr-sr-only"> : choisir cette réponse pour la synthèse</span>
        </label>
      </div>
      <dl className="fr-mt-1w">
        {questions.map((q, i) =>
          a.answers[i] ? (
            <div key={i}>
              <dt className="fr-text--bold fr-text--sm fr-mb-0">{q}</dt>
              <dd className="fr-ml-0" style={{ whiteSpace: "pre-line" }}>{a.answers[i]}</dd>
            </div>
          ) : null,
        )}
        {a.comment && (
          <div>
            <dt className="fr-text--bold fr-text--sm fr-mb-0">Commentaire libre</dt>
            <dd className="fr-ml-0" style={{ whiteSpace: "pre-line" }}>{a.comment}</dd>
          </div>
        )}
      </dl>
      {(a.email || a.telephone) && <p className="fr-text--sm fr-mb-0">Contact : {[a.email, a.telephone].filter(Boolean).join(", ")}</p>}
    </li>
  );
}

function Answers({ qn }: { qn: Questionnaire }) {
  const [groupe, setGroupe] = useState("");
  const answers = useLoad(() => listAnswers(qn.id, groupe || undefined), [qn.id, groupe]);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [title, setTitle] = useState(`Synthèse des principales problématiques — ${qn.title}`);
  const synthesis = useAction();
  const navigate = useNavigate();
  return (
    <div className="fr-mt-2w">
      <Select label="Groupe d'acteurs" nativeSelectProps={{ value: groupe, onChange: (e) => setGroupe(e.target.value) }}>
        <option value="">Tous les groupes</option>
        {programme.actors.map((a) => (
          <option key={a} value={a}>
            {a}
          </option>
        ))}
      </Select>
      <p>
        <a className="fr-link" href={answersCsvUrl(qn.id, groupe || undefined)} download>
          Exporter les réponses{groupe && ` des « ${groupe} »`} (CSV)
        </a>
      </p>
      {answers.state === "loading" && <p>Chargement des réponses…</p>}
      {answers.state === "error" && <LoadError error={answers.error} />}
      {answers.state === "ready" &&
        (answers.data.length === 0 ? (
          <p>Aucune réponse{groupe && " de ce groupe"} pour le moment.</p>
        ) : (
          <>
            <p>
              {answers.data.length} réponse{answers.data.length > 1 ? "s" : ""}
            </p>
            <ul className="fr-raw-list" data-testid="reponses">
              {answers.data.map((a) => (
                <Answer
                  key={a.id}
                  a={a}
                  questions={qn.questions}
                  chosen={chosen.has(a.id)}
                  onChoose={(on) => {
                    const next = new Set(chosen);
                    if (on) next.add(a.id);
                    else next.delete(a.id);
                    setChosen(next);
                  }}
                />
              ))}
            </ul>
            <form
              onSubmit={async (e) => {
                e.preventDefault();
                const id = await synthesis.run(() => createAnswersSynthesis(qn.id, { title, answerIds: [...chosen] }), "Synthèse créée.");
                if (id) navigate(`/documents/${id}`);
              }}
            >
              <h4 className="fr-h6">Synthèse des principales problématiques</h4>
              <p className="fr-text--sm">Un nouveau document de l'espace cite les réponses cochées ({chosen.size}), à compléter ensuite.</p>
              <Input label="Titre du document" nativeInputProps={{ value: title, onChange: (e) => setTitle(e.target.value), required: true }} />
              {synthesis.error && <p className="fr-error-text">{synthesis.error}</p>}
              <Button type="submit" disabled={synthesis.pending || chosen.size === 0}>
                Créer la synthèse à partir des réponses choisies
              </Button>
            </form>
          </>
        ))}
    </div>
  );
}

function QuestionnaireItem({ qn, onChange }: { qn: Questionnaire; onChange(): void }) {
  const [reading, setReading] = useState(false);
  const status = useAction();
  const change = async (to: "ouvert" | "clos") => {
    if (await status.run(() => setQuestionnaireStatus(qn.id, to), to === "ouvert" ? `Questionnaire « ${qn.title} » ouvert au public.` : `Questionnaire « ${qn.title} » clos.`)) onChange();
  };
  return (
    <li className="fr-mb-4w">
      <h3 className="fr-h6 fr-mb-1v">{qn.title}</h3>
      <p className="fr-mb-1v">
        <Badge as="span" severity={qn.status === "ouvert" ? "success" : undefined} noIcon>
          {QUESTIONNAIRE_STATUS_LABELS[qn.status]}
        </Badge>{" "}
        {qn.answers} réponse{qn.answers > 1 ? "s" : ""}
      </p>
      {status.error && <p className="fr-error-text">{status.error}</p>}
      <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm">
        {qn.status !== "ouvert" ? (
          <li>
            <Button priority="secondary" disabled={status.pending} onClick={() => change("ouvert")}>
              {qn.status === "clos" ? "Rouvrir" : "Ouvrir au public"}
              <span className="fr-sr-only"> « {qn.title} »</span>
            </Button>
          </li>
        ) : (
          <li>
            <Button priority="secondary" disabled={status.pending} onClick={() => change("clos")}>
              Clore<span className="fr-sr-only"> « {qn.title} »</span>
            </Button>
          </li>
        )}
        {qn.status !== "brouillon" && (
          <li>
            {/* The public page is the server's: a full page load, not a route of the app. */}
            <a className="fr-btn fr-btn--tertiary" href={qn.url}>
              Voir la page publique<span className="fr-sr-only"> de « {qn.title} »</span>
            </a>
          </li>
        )}
        <li>
          <Button priority="tertiary" aria-expanded={reading} onClick={() => setReading(!reading)}>
            {reading ? "Masquer les réponses" : "Lire les réponses"}
            <span className="fr-sr-only"> à « {qn.title} »</span>
          </Button>
        </li>
      </ul>
      {reading && <Answers qn={qn} />}
    </li>
  );
}

export function SpaceQuestionnaires({ spaceId }: { spaceId: string }) {
  const list = useLoad(() => listSpaceQuestionnaires(spaceId), [spaceId]);
  const [title, setTitle] = useState(QUESTIONNAIRE_TEMPLATE.title);
  const [created, setCreated] = useState<string | null>(null);
  const create = useAction();
  return (
    <section className="fr-mb-6w" aria-labelledby="questionnaires-titre">
      <h2 id="questionnaires-titre">Questionnaires</h2>
      <p>Ouverts, ils paraissent sur le site public ; les réponses ne sont lues que dans cet espace.</p>
      {list.state === "loading" && <p>Chargement des questionnaires…</p>}
      {list.state === "error" && <LoadError error={list.error} />}
      {list.state === "ready" &&
        (list.data.length === 0 ? (
          <p>Aucun questionnaire pour le moment.</p>
        ) : (
          <ul className="fr-raw-list" data-testid="questionnaires">
            {list.data.map((qn) => (
              <QuestionnaireItem key={qn.id} qn={qn} onChange={list.reload} />
            ))}
          </ul>
        ))}
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          const qn = await create.run(() => createQuestionnaire(spaceId, title));
          if (qn) {
            setCreated(`Questionnaire « ${qn.title} » créé (brouillon) : ouvrez-le pour recevoir des réponses.`);
            list.reload();
          }
        }}
      >
        <h3 className="fr-h5">Nouveau questionnaire</h3>
        <p className="fr-text--sm">À partir du modèle du Grand-Sud « {QUESTIONNAIRE_TEMPLATE.title} » : {QUESTIONNAIRE_TEMPLATE.questions.length} questions et un commentaire libre.</p>
        <Success message={created} />
        <Input label="Titre du questionnaire" nativeInputProps={{ value: title, onChange: (e) => setTitle(e.target.value), required: true }} />
        {create.error && <p className="fr-error-text">{create.error}</p>}
        <Button type="submit" disabled={create.pending}>
          Créer à partir du modèle
        </Button>
      </form>
    </section>
  );
}
