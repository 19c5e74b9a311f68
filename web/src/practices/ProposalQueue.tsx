/**
 * The space's "Propositions de pratiques" section, for its pilotes: the practices the public proposed
 * to the territory, confirmed by their authors. Accepted, one becomes a draft fiche pratique of the
 * space (opened at once to be completed); refused, its author receives the reason by e-mail.
 */
import type { PracticeProposal } from "@atelier/shared";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { useState } from "react";
import { useNavigate } from "react-router";
import { LoadError } from "../components/LoadError";
import { formatDateTime } from "../shell/time";
import { useAction } from "../shell/useAction";
import { useLoad } from "../shell/useLoad";
import { acceptProposal, listProposals, refuseProposal } from "./api";

function ProposalItem({ p, onChange }: { p: PracticeProposal; onChange(): void }) {
  const navigate = useNavigate();
  const [refusing, setRefusing] = useState(false);
  const [reason, setReason] = useState("");
  const action = useAction();
  const titleId = `proposition-${p.id}`;
  return (
    <li className="fr-mb-4w">
      <article aria-labelledby={titleId}>
        <h3 id={titleId} className="fr-h6 fr-mb-1v">
          {p.title}
        </h3>
        <p className="fr-text--sm fr-mb-1w">
          Proposée par {p.author.name}
          {p.author.role && `, ${p.author.role}`} ({p.author.email}), confirmée le {formatDateTime(p.confirmedAt)}
        </p>
        <details className="fr-mb-2w">
          <summary>Lire la fiche proposée</summary>
          <dl>
            {p.fields
              .filter((f) => f.text)
              .map((f) => (
                <div key={f.label}>
                  <dt className="fr-text--bold">{f.label}</dt>
                  <dd style={{ whiteSpace: "pre-line" }}>{f.text}</dd>
                </div>
              ))}
          </dl>
        </details>
        {action.error && (
          <p className="fr-error-text" role="alert">
            {action.error}
          </p>
        )}
        {refusing ? (
          <form
            onSubmit={async (e) => {
              e.preventDefault();
              if (await action.run(() => refuseProposal(p.id, reason), `Proposition « ${p.title} » refusée : son auteur en est informé.`)) onChange();
            }}
          >
            <Input
              textArea
              label="Motif du refus"
              hintText="Il est envoyé par courriel à l'auteur de la proposition."
              nativeTextAreaProps={{ rows: 3, value: reason, required: true, onChange: (e) => setReason(e.target.value) }}
            />
            <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm">
              <li>
                <Button type="submit" disabled={action.pending || !reason.trim()}>
                  Refuser et prévenir l'auteur<span className="fr-sr-only"> de « {p.title} »</span>
                </Button>
              </li>
              <li>
                <Button type="button" priority="tertiary" onClick={() => setRefusing(false)}>
                  Annuler
                </Button>
              </li>
            </ul>
          </form>
        ) : (
          <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm">
            <li>
              <Button
                disabled={action.pending}
                onClick={async () => {
                  const id = await action.run(() => acceptProposal(p.id), `Proposition « ${p.title} » retenue : elle devient une fiche pratique en brouillon.`);
                  if (id) navigate(`/documents/${id}`);
                }}
              >
                Retenir comme fiche pratique<span className="fr-sr-only"> « {p.title} »</span>
              </Button>
            </li>
            <li>
              <Button priority="secondary" onClick={() => setRefusing(true)}>
                Refuser<span className="fr-sr-only"> « {p.title} »</span>
              </Button>
            </li>
          </ul>
        )}
      </article>
    </li>
  );
}

export function ProposalQueue({ spaceId }: { spaceId: string }) {
  const proposals = useLoad(() => listProposals(spaceId), [spaceId]);
  return (
    <section className="fr-mb-6w" aria-labelledby="propositions-titre">
      <h2 id="propositions-titre">Propositions de pratiques</h2>
      <p>
        Les pratiques inspirantes que le public propose à votre territoire depuis le site, une fois l'adresse de leur auteur confirmée.
      </p>
      {proposals.state === "loading" && <p>Chargement des propositions…</p>}
      {proposals.state === "error" && <LoadError error={proposals.error} />}
      {proposals.state === "ready" &&
        (proposals.data.length === 0 ? (
          <p>Aucune proposition en attente.</p>
        ) : (
          <ul className="fr-raw-list">
            {proposals.data.map((p) => (
              <ProposalItem key={p.id} p={p} onChange={proposals.reload} />
            ))}
          </ul>
        ))}
    </section>
  );
}
