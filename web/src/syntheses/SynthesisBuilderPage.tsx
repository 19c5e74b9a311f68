/**
 * "Préparer une synthèse nationale", reached from the national dashboard: the team picks documents
 * of the territories and regions (by kind, status — "transmis" unless changed — and theme), names
 * the synthèse in a dialog, and the new document opens.
 */
import {
  DOCUMENT_KIND_LABELS,
  DOCUMENT_STATUS_LABELS,
  DOCUMENT_STATUSES,
  THEMES,
  type DocumentKind,
  type DocumentStatus,
} from "@atelier/shared";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { createModal } from "@codegouvfr/react-dsfr/Modal";
import { useState, type FormEvent } from "react";
import { Link, useNavigate } from "react-router";
import { describedBy, FormError } from "../components/FormError";
import { getDashboard } from "../dashboard/api";
import { useAction } from "../shell/useAction";
import { useLoad } from "../shell/useLoad";
import { createSynthesis } from "./api";
import { candidatesOf, type Candidate } from "./candidates";
import { useNationalWriting } from "./useNationalWriting";
import { FormActions } from "../components/FormActions";
import { ChoiceFilter } from "../components/ChoiceFilter";

const modal = createModal({ id: "synthese-nationale", isOpenedByDefault: false });
const ERROR_ID = "synthese-nationale-erreur";

const TITLE = "Préparer une synthèse nationale";

export function SynthesisBuilderPage() {
  const { loading, space } = useNationalWriting();
  if (loading) return <p>Chargement…</p>;
  if (!space) {
    return (
      <div className="fr-alert fr-alert--info">
        <h1 className="fr-alert__title">{TITLE}</h1>
        <p>Seule l'équipe nationale, qui écrit dans l'espace du COPIL national, prépare les synthèses nationales.</p>
      </div>
    );
  }
  return <Builder spaceId={space.id} />;
}

export default SynthesisBuilderPage;

function Builder({ spaceId }: { spaceId: string }) {
  const [kind, setKind] = useState<DocumentKind | "">("");
  const [status, setStatus] = useState<DocumentStatus | "">("transmis");
  const [theme, setTheme] = useState("");
  const [selected, setSelected] = useState<Map<string, Candidate>>(new Map());
  const loaded = useLoad(() => getDashboard({ status: status || undefined, theme: theme || undefined }), [status, theme]);
  const list = loaded.state === "ready" ? candidatesOf(loaded.data).filter((d) => !kind || d.kind === kind) : [];

  const toggle = (d: Candidate) =>
    setSelected((before) => {
      const next = new Map(before);
      if (!next.delete(d.id)) next.set(d.id, d);
      return next;
    });

  return (
    <>
      <p className="fr-text--sm fr-mb-1v">
        <Link to="/tableau-de-bord">Tableau de bord national</Link>
      </p>
      <h1>{TITLE}</h1>
      <p>
        Choisissez les documents des territoires et des régions à reprendre : leurs sections « Diagnostic partagé »,
        « Pratiques inspirantes » et « Leviers d'actions » sont rassemblées dans un nouveau document du COPIL national, chacune
        sous le nom de son comité, puis vous l'écrivez ensemble comme tout document.
      </p>
      <form className="fr-grid-row fr-grid-row--gutters fr-mb-2w" aria-label="Filtres des documents à reprendre" onSubmit={(e) => e.preventDefault()}>
        <ChoiceFilter id="synthese-type" label="Type" value={kind} onChange={(v) => setKind(v as DocumentKind | "")} all="Tous les types"
          options={(loaded.state === "ready" ? loaded.data.kinds : []).map((k) => [k, DOCUMENT_KIND_LABELS[k]])} />
        <ChoiceFilter id="synthese-statut" label="Statut" value={status} onChange={(v) => setStatus(v as DocumentStatus | "")} all="Tous les statuts"
          options={DOCUMENT_STATUSES.map((s) => [s, DOCUMENT_STATUS_LABELS[s]])} />
        <ChoiceFilter id="synthese-thematique" label="Thématique" value={theme} onChange={setTheme} all="Toutes les thématiques"
          options={THEMES.map((t) => [t.slug, t.name])} />
      </form>
      {loaded.state === "loading" && <p>Chargement des documents…</p>}
      {loaded.state === "error" && <p className="fr-error-text">Les documents n'ont pas pu être chargés. Rechargez la page.</p>}
      {loaded.state === "ready" && (
        <fieldset className="fr-fieldset" aria-describedby="synthese-documents-aide">
          <legend className="fr-fieldset__legend">Documents à reprendre</legend>
          <p id="synthese-documents-aide" className="fr-hint-text fr-fieldset__element">
            {selected.size === 0 ? "Aucun document choisi." : selected.size === 1 ? "1 document choisi." : `${selected.size} documents choisis.`}
          </p>
          {list.length === 0 && <p className="fr-fieldset__element">Aucun document ne correspond à ces filtres.</p>}
          {list.map((d) => (
            <div className="fr-fieldset__element" key={d.id}>
              <div className="fr-checkbox-group">
                <input type="checkbox" id={`source-${d.id}`} checked={selected.has(d.id)} onChange={() => toggle(d)} />
                <label className="fr-label" htmlFor={`source-${d.id}`}>
                  {d.title}
                  <span className="fr-hint-text">
                    {d.spaceName} · {DOCUMENT_KIND_LABELS[d.kind]} · {DOCUMENT_STATUS_LABELS[d.status]}
                  </span>
                </label>
              </div>
            </div>
          ))}
        </fieldset>
      )}
      <CreateDialog spaceId={spaceId} selected={[...selected.values()]} />
    </>
  );
}

function CreateDialog({ spaceId, selected }: { spaceId: string; selected: Candidate[] }) {
  const navigate = useNavigate();
  const { run, pending, error, setError } = useAction();
  const [title, setTitle] = useState("");

  const open = () => {
    setTitle(`Synthèse nationale du ${new Date().toLocaleDateString("fr-FR", { dateStyle: "long" })}`);
    setError(selected.length === 0 ? "Choisissez d'abord au moins un document à reprendre." : null);
    modal.open();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (selected.length === 0) return setError("Choisissez d'abord au moins un document à reprendre.");
    if (!title.trim()) return setError("Indiquez le titre de la synthèse.");
    const created = await run(() => createSynthesis(spaceId, { title: title.trim(), sources: selected.map((d) => d.id) }));
    if (!created) return;
    modal.close();
    navigate(`/documents/${created.id}`);
  };

  return (
    <>
      <Button iconId="fr-icon-file-add-line" type="button" onClick={open}>
        Créer une synthèse nationale
      </Button>
      <modal.Component title="Créer une synthèse nationale" size="large">
        <form onSubmit={submit} noValidate>
          <FormError id={ERROR_ID} message={error} />
          <div className="fr-input-group">
            <label className="fr-label" htmlFor="synthese-nationale-nom">
              Titre de la synthèse
            </label>
            <input id="synthese-nationale-nom" className="fr-input" maxLength={200} value={title}
              onChange={(e) => setTitle(e.target.value)} {...describedBy(ERROR_ID, error)} />
          </div>
          {selected.length > 0 && (
            <>
              <p className="fr-mb-1w" id="synthese-nationale-repris">
                {selected.length === 1 ? "Le document repris :" : `Les ${selected.length} documents repris :`}
              </p>
              <ul aria-labelledby="synthese-nationale-repris">
                {selected.map((d) => (
                  <li key={d.id}>
                    {d.title} ({d.spaceName})
                  </li>
                ))}
              </ul>
            </>
          )}
          <FormActions submit="Créer et ouvrir" disabled={pending || selected.length === 0} onCancel={() => modal.close()} />
        </form>
      </modal.Component>
    </>
  );
}
