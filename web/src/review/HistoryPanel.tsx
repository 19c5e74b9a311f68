/**
 * "Historique": the versions of a document with their date, authors and name; open one read-only,
 * compare it with the current text, name one or the current state, restore one (confirmed).
 */
import { VERSION_KIND_LABELS, type DiffReply, type VersionReply, type VersionSummary } from "@atelier/shared";
import { useId, useState, type FormEvent } from "react";
import { FormError } from "../components/FormError";
import { formatDateTime } from "../shell/time";
import { useAction } from "../shell/useAction";
import { useLoad } from "../shell/useLoad";
import { diffVersion, getVersion, listVersions, nameCurrent, renameVersion, restoreVersion } from "./api";

const dateOf = (v: VersionSummary) => formatDateTime(v.createdAt);
/** What a restore brought back, worded here so that its date is in the reader's zone. */
const restoredLabel = (r: NonNullable<VersionSummary["restored"]>) =>
  `Restauration de la version du ${formatDateTime(r.createdAt)}${r.name ? ` « ${r.name} »` : ""}`;

type View = { kind: "read"; version: VersionReply } | { kind: "diff"; version: VersionSummary; diff: DiffReply } | null;

export function HistoryPanel({ documentId }: { documentId: string }) {
  const loaded = useLoad(() => listVersions(documentId), [documentId]);
  const [view, setView] = useState<View>(null);
  const [confirming, setConfirming] = useState<VersionSummary | null>(null);
  const [renaming, setRenaming] = useState<VersionSummary | null>(null);
  const { run, pending, error } = useAction();
  const errorId = useId();

  if (loaded.state === "loading") return <p>Chargement de l'historique…</p>;
  if (loaded.state === "error") return <p className="fr-error-text">L'historique n'a pas pu être chargé.</p>;
  const { versions, can } = loaded.data;

  const open = async (v: VersionSummary) => {
    const r = await run(() => getVersion(documentId, v.id));
    if (r) setView({ kind: "read", version: r });
  };
  const compare = async (v: VersionSummary) => {
    const r = await run(() => diffVersion(documentId, v.id));
    if (r) setView({ kind: "diff", version: v, diff: r });
  };
  const restore = async (v: VersionSummary) => {
    const r = await run(() => restoreVersion(documentId, v.id), `Version du ${dateOf(v)} restaurée.`);
    setConfirming(null);
    if (r) {
      setView(null);
      loaded.reload();
    }
  };

  return (
    <div>
      <FormError id={errorId} message={error} />
      {can.name && <NameForm label="Nommer l'état actuel" onSave={(name) => nameCurrent(documentId, name)} onDone={loaded.reload} />}
      {view && <VersionView view={view} onClose={() => setView(null)} />}
      <h3 className="fr-h6">Versions ({versions.length})</h3>
      {versions.length === 0 && <p>Aucune version pour l'instant : elles sont enregistrées automatiquement pendant l'écriture.</p>}
      <ol className="atelier-versions">
        {versions.map((v) => (
          <li key={v.id} className="atelier-versions__item">
            <p className="fr-mb-0">
              <strong>{v.name ?? VERSION_KIND_LABELS[v.kind]}</strong>
            </p>
            <p className="fr-text--sm fr-mb-0">
              {dateOf(v)}
              {v.name && ` · ${VERSION_KIND_LABELS[v.kind]}`}
            </p>
            {v.restored && <p className="fr-text--sm fr-mb-0">{restoredLabel(v.restored)}</p>}
            {v.reason && <p className="fr-text--sm fr-mb-0">{v.reason}</p>}
            <p className="fr-text--xs fr-mb-1w">
              {v.authors.length > 0 ? `Modifications de ${v.authors.map((a) => a.name).join(", ")}` : "Aucune modification de texte"}
            </p>
            {renaming?.id === v.id ? (
              <NameForm
                label="Nom de la version"
                initial={v.name ?? ""}
                onSave={(name) => renameVersion(documentId, v.id, name)}
                onDone={() => {
                  setRenaming(null);
                  loaded.reload();
                }}
              />
            ) : (
              <ul className="fr-btns-group fr-btns-group--inline fr-btns-group--sm">
                <li>
                  <button type="button" className="fr-btn fr-btn--secondary" disabled={pending} onClick={() => open(v)}>
                    Lire
                  </button>
                </li>
                <li>
                  <button type="button" className="fr-btn fr-btn--secondary" disabled={pending} onClick={() => compare(v)}>
                    Comparer avec le texte actuel
                  </button>
                </li>
                {can.name && (
                  <li>
                    <button type="button" className="fr-btn fr-btn--tertiary" onClick={() => setRenaming(v)}>
                      Nommer
                    </button>
                  </li>
                )}
                {can.restore && (
                  <li>
                    <button type="button" className="fr-btn fr-btn--tertiary" onClick={() => setConfirming(v)}>
                      Restaurer
                    </button>
                  </li>
                )}
              </ul>
            )}
            {confirming?.id === v.id && (
              <div className="fr-alert fr-alert--warning fr-alert--sm" role="alertdialog" aria-label="Confirmer la restauration">
                <p>
                  Le texte actuel sera remplacé par celui de la version du {dateOf(v)} pour toutes les personnes qui
                  écrivent. Le texte actuel reste dans l'historique.
                </p>
                <ul className="fr-btns-group fr-btns-group--inline fr-btns-group--sm">
                  <li>
                    <button type="button" className="fr-btn" disabled={pending} onClick={() => restore(v)} autoFocus>
                      Confirmer la restauration
                    </button>
                  </li>
                  <li>
                    <button type="button" className="fr-btn fr-btn--secondary" onClick={() => setConfirming(null)}>
                      Annuler
                    </button>
                  </li>
                </ul>
              </div>
            )}
          </li>
        ))}
      </ol>
    </div>
  );
}

function NameForm({
  label,
  initial = "",
  onSave,
  onDone,
}: {
  label: string;
  initial?: string;
  onSave(name: string): Promise<unknown>;
  onDone(): void;
}) {
  const [name, setName] = useState(initial);
  const { run, pending, error } = useAction();
  const id = useId();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (await run(() => onSave(name), "Version nommée.")) {
      setName("");
      onDone();
    }
  };
  return (
    <form onSubmit={submit} className="fr-mb-2w">
      <FormError id={`${id}-erreur`} message={error} />
      <div className="fr-input-group">
        <label className="fr-label" htmlFor={id}>
          {label}
          <span className="fr-hint-text">Par exemple : présentée au COPIL du 4 décembre</span>
        </label>
        <input id={id} className="fr-input" maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
      </div>
      <button className="fr-btn fr-btn--sm" type="submit" disabled={pending || !name.trim()}>
        Enregistrer le nom
      </button>
    </form>
  );
}

const TAG: Record<string, string> = { heading: "h4", listItem: "li", taskItem: "li", blockquote: "blockquote" };

function VersionView({ view, onClose }: { view: NonNullable<View>; onClose(): void }) {
  const v = view.kind === "read" ? view.version.version : view.version;
  return (
    <section className="atelier-version fr-mb-3w" aria-label={`Version du ${dateOf(v)}`} tabIndex={-1} ref={(el) => el?.focus()}>
      <div className="atelier-version__head">
        <h3 className="fr-h6 fr-mb-1w">
          {view.kind === "read" ? "Version du " : "Différences entre la version du "}
          {dateOf(v)}
          {view.kind === "diff" && " et le texte actuel"}
        </h3>
        <button type="button" className="fr-btn fr-btn--sm fr-btn--tertiary-no-outline" onClick={onClose}>
          Fermer
        </button>
      </div>
      {view.kind === "read" ? (
        // The server's HTML is escaped and its links limited (docToHtml): safe to show as is.
        <div className="atelier-version__content" dangerouslySetInnerHTML={{ __html: view.version.html }} />
      ) : (
        <DiffView diff={view.diff} />
      )}
    </section>
  );
}

export function DiffView({ diff }: { diff: DiffReply }) {
  const { stats } = diff;
  if (stats.changedBlocks === 0) return <p>Aucune différence : le texte actuel est celui de cette version.</p>;
  return (
    <div className="atelier-version__content atelier-diff">
      <p className="fr-text--sm">
        {stats.insertedWords} mot(s) ajouté(s), {stats.deletedWords} mot(s) supprimé(s), {stats.changedBlocks} paragraphe(s)
        modifié(s). <span className="atelier-diff__legend">Les ajouts sont soulignés, les suppressions barrées.</span>
      </p>
      {diff.blocks.map((b, i) => {
        const Tag = (b.type === "heading" ? `h${Math.min(6, (b.level ?? 2) + 2)}` : (TAG[b.type] ?? "p")) as "p";
        return (
          <Tag key={i} className={`atelier-diff__block atelier-diff__block--${b.status}`}>
            {b.segments.map((s, j) =>
              s.op === "insert" ? (
                <ins key={j}>{s.text}</ins>
              ) : s.op === "delete" ? (
                <del key={j}>{s.text}</del>
              ) : (
                <span key={j}>{s.text}</span>
              ),
            )}
          </Tag>
        );
      })}
    </div>
  );
}
