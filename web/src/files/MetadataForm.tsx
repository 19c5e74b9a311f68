import { FILE_DESCRIPTION_MAX, FILE_TITLE_MAX, THEMES, type FileKind, type FileSummary } from "@atelier/shared";
import { useId, useState, type FormEvent } from "react";
import { describedBy, FormError } from "../components/FormError";
import { useAction } from "../shell/useAction";
import { updateFile } from "./api";

/**
 * The metadata form behind a "Modifier les informations" button, so that a list of files stays
 * short; it closes once saved.
 */
export function MetadataOnDemand({ file, kinds, onSaved }: { file: FileSummary; kinds: FileKind[]; onSaved(f: FileSummary): void }) {
  const [open, setOpen] = useState(false);
  const formId = useId();
  return (
    <div className="fr-mb-2w">
      <button
        className="fr-btn fr-btn--secondary fr-btn--sm fr-icon-edit-line fr-btn--icon-left fr-mb-2w"
        type="button"
        aria-expanded={open}
        aria-controls={formId}
        onClick={() => setOpen((o) => !o)}
      >
        Modifier les informations<span className="fr-sr-only"> de {file.originalName}</span>
      </button>
      <div id={formId} hidden={!open}>
        {open && (
          <MetadataForm
            key={file.updatedAt}
            file={file}
            kinds={kinds}
            onSaved={(f) => {
              setOpen(false);
              onSaved(f);
            }}
          />
        )}
      </div>
    </div>
  );
}

/** Title, description, kind and themes of one file. */
export function MetadataForm({ file, kinds, onSaved }: { file: FileSummary; kinds: FileKind[]; onSaved(f: FileSummary): void }) {
  const id = useId();
  const [title, setTitle] = useState(file.title);
  const [description, setDescription] = useState(file.description);
  const [kind, setKind] = useState(file.kind);
  const [themes, setThemes] = useState<string[]>(file.themes);
  const { run, pending, error } = useAction();
  const errorId = `${id}-erreur`;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const saved = await run(() => updateFile(file.id, { title, description, kind, themes }), `Informations de « ${title} » enregistrées.`);
    if (saved) onSaved(saved);
  };

  return (
    <form onSubmit={submit} aria-label={`Informations de ${file.originalName}`} className="fr-mb-3w">
      <FormError id={errorId} message={error} />
      <div className="fr-input-group">
        <label className="fr-label" htmlFor={`${id}-titre`}>
          Titre
        </label>
        <input className="fr-input" id={`${id}-titre`} value={title} maxLength={FILE_TITLE_MAX} required onChange={(e) => setTitle(e.target.value)} {...describedBy(errorId, error)} />
      </div>
      <div className="fr-input-group">
        <label className="fr-label" htmlFor={`${id}-description`}>
          Description <span className="fr-hint-text">Facultative, {FILE_DESCRIPTION_MAX} caractères au plus.</span>
        </label>
        <textarea className="fr-input" id={`${id}-description`} value={description} maxLength={FILE_DESCRIPTION_MAX} onChange={(e) => setDescription(e.target.value)} />
      </div>
      <div className="fr-select-group">
        <label className="fr-label" htmlFor={`${id}-type`}>
          Type de document
        </label>
        <select className="fr-select" id={`${id}-type`} value={kind} onChange={(e) => setKind(e.target.value)}>
          {kinds.map((k) => (
            <option key={k.slug} value={k.slug}>
              {k.label}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="fr-fieldset">
        <legend className="fr-fieldset__legend fr-text--regular">Thématiques</legend>
        {THEMES.map((t) => (
          <div className="fr-fieldset__element" key={t.slug}>
            <div className="fr-checkbox-group fr-checkbox-group--sm">
              <input
                type="checkbox"
                id={`${id}-${t.slug}`}
                checked={themes.includes(t.slug)}
                onChange={(e) => setThemes((all) => (e.target.checked ? [...all, t.slug] : all.filter((s) => s !== t.slug)))}
              />
              <label className="fr-label" htmlFor={`${id}-${t.slug}`}>
                {t.name}
              </label>
            </div>
          </div>
        ))}
      </fieldset>
      <button className="fr-btn fr-btn--sm" type="submit" disabled={pending}>
        Enregistrer les informations
      </button>
    </form>
  );
}
