/**
 * The status of a livrable, diagnostic or synthèse on its page: the current status, the moves the
 * person may make (from the shared transitions table, as the server answers them) and the history.
 * The page holds the status (the editor follows it: validated means read-only).
 */
import { DOCUMENT_STATUS_LABELS, type DocumentStatus, type DocumentStatusReply } from "@atelier/shared";
import { useId, useState, type FormEvent } from "react";
import { describedBy, FormError } from "../components/FormError";
import { useAction } from "../shell/useAction";
import { changeStatus } from "./api";
import { StatusBadge } from "./StatusBadge";

const when = new Intl.DateTimeFormat("fr-FR", { dateStyle: "long", timeStyle: "short" });

type Move = DocumentStatusReply["allowed"][number];

/** The button that sends a move needing a comment. */
const CONFIRM: Partial<Record<DocumentStatus, string>> = {
  "modifications-demandees": "Envoyer la demande de modifications",
  brouillon: "Rouvrir le document",
};

interface Props {
  documentId: string;
  current: DocumentStatusReply;
  onChange: (r: DocumentStatusReply) => void;
}

export function DocumentStatusPanel(props: Props) {
  return props.current.followsWorkflow ? <Panel {...props} /> : null;
}

function Panel({ documentId, current, onChange }: Props) {
  const { run, pending, error } = useAction();
  const [asking, setAsking] = useState<Move | null>(null);
  const [comment, setComment] = useState("");
  const ids = useId();
  const errorId = `${ids}-erreur`;

  const move = async (to: DocumentStatus, why?: string) => {
    const r = await run(() => changeStatus(documentId, { to, comment: why }), `Statut du document : ${DOCUMENT_STATUS_LABELS[to]}.`);
    if (r) {
      onChange(r);
      setAsking(null);
      setComment("");
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (asking) void move(asking.to, comment);
  };

  return (
    <section className="fr-callout fr-mb-4w" aria-labelledby={`${ids}-titre`} data-testid="statut-document">
      <h2 id={`${ids}-titre`} className="fr-h6 fr-mb-1w">
        Statut : <StatusBadge status={current.status} />
      </h2>
      {current.changedAt && <p className="fr-text--sm fr-mb-2w">Depuis le {when.format(new Date(current.changedAt))}.</p>}
      <FormError id={errorId} message={error} />
      {asking ? (
        <form onSubmit={submit} noValidate>
          <div className="fr-input-group">
            <label className="fr-label" htmlFor={`${ids}-commentaire`}>
              {asking.commentLabel} (obligatoire)
              <span className="fr-hint-text">Ce commentaire est envoyé au COPIL et reste dans l'historique du document.</span>
            </label>
            <textarea
              id={`${ids}-commentaire`}
              className="fr-input"
              rows={3}
              required
              value={comment}
              onChange={(e) => setComment(e.target.value)}
              {...describedBy(errorId, error)}
            />
          </div>
          <ul className="fr-btns-group fr-btns-group--inline-md">
            <li>
              <button type="submit" className="fr-btn" disabled={pending}>
                {CONFIRM[asking.to] ?? asking.label}
              </button>
            </li>
            <li>
              <button type="button" className="fr-btn fr-btn--secondary" onClick={() => setAsking(null)}>
                Annuler
              </button>
            </li>
          </ul>
        </form>
      ) : (
        current.allowed.length > 0 && (
          <ul className="fr-btns-group fr-btns-group--inline-md">
            {current.allowed.map((a) => (
              <li key={a.to}>
                <button
                  type="button"
                  className="fr-btn fr-btn--secondary"
                  disabled={pending}
                  onClick={() => (a.commentRequired ? setAsking(a) : void move(a.to))}
                >
                  {a.label}
                </button>
              </li>
            ))}
          </ul>
        )
      )}
      {current.history.length > 0 && (
        <details>
          <summary>Historique du statut ({current.history.length})</summary>
          <ol className="fr-mt-1w">
            {current.history.map((h) => (
              <li key={h.id}>
                {when.format(new Date(h.at))} — {h.actor?.name ?? "Compte supprimé"} : {DOCUMENT_STATUS_LABELS[h.from]} →{" "}
                {DOCUMENT_STATUS_LABELS[h.to]}
                {h.comment && <blockquote className="fr-text--sm fr-my-1v">« {h.comment} »</blockquote>}
              </li>
            ))}
          </ol>
        </details>
      )}
    </section>
  );
}
