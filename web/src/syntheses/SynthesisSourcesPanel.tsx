/**
 * "Sources de la synthèse", on the page of a national synthèse: each document it gathers, the
 * version its text was taken from, "modifié depuis" with the comparison when the source changed
 * later, "Actualiser" to gather its current text again in place, and "Ajouter une source".
 * Nothing for any other document.
 */
import type { DiffReply, SynthesisReply, SynthesisSource } from "@atelier/shared";
import { useId, useState, type FormEvent } from "react";
import { Link } from "react-router";
import { ApiError } from "../api/client";
import { FormError } from "../components/FormError";
import { getDashboard } from "../dashboard/api";
import { DiffView } from "../review/HistoryPanel";
import { diffVersion } from "../review/api";
import { formatDateTime } from "../shell/time";
import { useAction } from "../shell/useAction";
import { useLoad } from "../shell/useLoad";
import { addSource, getSynthesis, refreshSource } from "./api";
import { candidatesOf } from "./candidates";

export function SynthesisSourcesPanel({ documentId }: { documentId: string }) {
  const loaded = useLoad(() => getSynthesis(documentId), [documentId]);
  const [reply, setReply] = useState<SynthesisReply | null>(null);
  if (loaded.state === "loading") return null;
  if (loaded.state === "error") {
    // Not a national synthèse: nothing to show.
    if (loaded.error instanceof ApiError && loaded.error.status === 404) return null;
    return <p className="fr-error-text">Les sources de la synthèse n'ont pas pu être chargées.</p>;
  }
  const { sources, can } = reply ?? loaded.data;
  return (
    <section className="fr-mb-3w" aria-labelledby="sources-synthese">
      <h2 id="sources-synthese" className="fr-h5">
        Sources de la synthèse ({sources.length})
      </h2>
      <ul className="fr-raw-list">
        {sources.map((source) => (
          <SourceItem key={source.documentId} synthesisId={documentId} source={source} canEdit={can.edit} onChange={setReply} />
        ))}
      </ul>
      {can.edit && <AddSource synthesisId={documentId} present={sources.map((x) => x.documentId)} onChange={setReply} />}
    </section>
  );
}

function SourceItem(p: { synthesisId: string; source: SynthesisSource; canEdit: boolean; onChange(r: SynthesisReply): void }) {
  const { source } = p;
  const { run, pending, error } = useAction();
  const [diff, setDiff] = useState<DiffReply | null>(null);
  const errorId = useId();
  const compare = async () => {
    if (diff) return setDiff(null);
    const r = await run(() => diffVersion(source.documentId, source.version.id));
    if (r) setDiff(r);
  };
  const refresh = async () => {
    const r = await run(() => refreshSource(p.synthesisId, source.documentId), `« ${source.title} » est actualisé dans la synthèse.`);
    if (r) {
      setDiff(null);
      p.onChange(r);
    }
  };
  return (
    <li className="fr-mb-2w">
      <p className="fr-mb-0">
        {source.canRead ? <Link to={`/documents/${source.documentId}`}>{source.title}</Link> : <strong>{source.title}</strong>}
        {" · "}
        {source.spaceName}
      </p>
      <p className="fr-text--sm fr-mb-1v">
        Repris de la version du {formatDateTime(source.version.createdAt)}
        {source.changedSince && (
          <>
            {" "}
            <span className="fr-badge fr-badge--sm fr-badge--warning fr-badge--no-icon">Modifié depuis</span>
          </>
        )}
        {source.gone && " · ce document est dans la corbeille"}
        {!source.canRead && " · vous ne pouvez pas lire ce document"}
      </p>
      <FormError id={errorId} message={error} />
      {source.canRead && !source.gone && (
        <ul className="fr-btns-group fr-btns-group--inline fr-btns-group--sm">
          {source.changedSince && (
            <li>
              <button type="button" className="fr-btn fr-btn--secondary" disabled={pending} aria-expanded={diff !== null} onClick={compare}>
                {diff ? "Masquer les modifications" : "Voir les modifications"}
              </button>
            </li>
          )}
          {p.canEdit && (
            <li>
              <button type="button" className="fr-btn fr-btn--tertiary" disabled={pending} onClick={refresh}>
                Actualiser
                <span className="fr-sr-only"> « {source.title} »</span>
              </button>
            </li>
          )}
        </ul>
      )}
      {diff && (
        <div aria-label={`Modifications de « ${source.title} » depuis la version reprise`} role="region">
          <DiffView diff={diff} />
        </div>
      )}
    </li>
  );
}

function AddSource(p: { synthesisId: string; present: string[]; onChange(r: SynthesisReply): void }) {
  const [open, setOpen] = useState(false);
  const [choice, setChoice] = useState("");
  const { run, pending, error, setError } = useAction();
  const candidates = useLoad(async () => (open ? candidatesOf(await getDashboard({})) : []), [open]);
  const id = useId();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!choice) return setError("Choisissez le document à ajouter.");
    const r = await run(() => addSource(p.synthesisId, choice), "Source ajoutée à la synthèse.");
    if (r) {
      setChoice("");
      setOpen(false);
      p.onChange(r);
    }
  };
  if (!open) {
    return (
      <button type="button" className="fr-btn fr-btn--secondary fr-btn--sm fr-icon-add-line fr-btn--icon-left" onClick={() => setOpen(true)}>
        Ajouter une source
      </button>
    );
  }
  const list = candidates.state === "ready" ? candidates.data.filter((d) => !p.present.includes(d.id)) : [];
  return (
    <form onSubmit={submit}>
      <FormError id={`${id}-erreur`} message={error} />
      {candidates.state === "error" && <p className="fr-error-text">La liste des documents n'a pas pu être chargée.</p>}
      <div className="fr-select-group">
        <label className="fr-label" htmlFor={id}>
          Document à ajouter
          <span className="fr-hint-text">Ses sections sont ajoutées à la fin de chaque section de la synthèse.</span>
        </label>
        <select id={id} className="fr-select" value={choice} onChange={(e) => setChoice(e.target.value)}>
          <option value="">{candidates.state === "loading" ? "Chargement…" : "Choisir un document"}</option>
          {list.map((d) => (
            <option key={d.id} value={d.id}>
              {d.title} ({d.spaceName})
            </option>
          ))}
        </select>
      </div>
      <ul className="fr-btns-group fr-btns-group--inline fr-btns-group--sm">
        <li>
          <button type="submit" className="fr-btn" disabled={pending}>
            Ajouter à la synthèse
          </button>
        </li>
        <li>
          <button type="button" className="fr-btn fr-btn--secondary" onClick={() => setOpen(false)}>
            Annuler
          </button>
        </li>
      </ul>
    </form>
  );
}
