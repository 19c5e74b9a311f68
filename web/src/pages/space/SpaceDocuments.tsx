/**
 * The committee's documents: a table filtered by kind, status and theme and sorted, the view kept
 * in the address; each row renamed, re-themed or moved to the trash by those who may.
 */
import {
  DOCUMENT_KIND_LABELS,
  DOCUMENT_KINDS,
  DOCUMENT_STATUS_LABELS,
  DOCUMENT_STATUSES,
  THEME_SLUGS,
  themeName,
  type DocumentListItem,
} from "@atelier/shared";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { createModal } from "@codegouvfr/react-dsfr/Modal";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { listDocuments, trashDocument, updateDocument } from "../../api/documents";
import { FormError } from "../../components/FormError";
import { formatDateTime } from "../../shell/time";
import { useAction } from "../../shell/useAction";
import { useFilterParams } from "../../shell/useFilterParams";
import { useLoad } from "../../shell/useLoad";
import { StatusBadge } from "../../workflow/StatusBadge";
import { DocumentFields } from "./DocumentFields";
import { NewDocumentDialog } from "./NewDocumentDialog";
import { FormActions } from "../../components/FormActions";

const SORTS = { modification: "Dernière modification", titre: "Titre", statut: "Statut" } as const;
type Sort = keyof typeof SORTS;

const compare: Record<Sort, (a: DocumentListItem, b: DocumentListItem) => number> = {
  modification: (a, b) => b.lastChange.at.localeCompare(a.lastChange.at),
  titre: (a, b) => a.title.localeCompare(b.title, "fr"),
  statut: (a, b) => DOCUMENT_STATUSES.indexOf(a.status) - DOCUMENT_STATUSES.indexOf(b.status) || a.title.localeCompare(b.title, "fr"),
};

const editModal = createModal({ id: "modifier-document", isOpenedByDefault: false });

interface Props {
  spaceId: string;
  spaceThemes: string[];
  canCreate: boolean;
  canEdit: boolean;
  /** Changes when something else (a restore from the trash) changed the list. */
  round: number;
  onChange(): void;
}

export function SpaceDocuments({ spaceId, spaceThemes, canCreate, canEdit, round, onChange }: Props) {
  const documents = useLoad(() => listDocuments(spaceId), [spaceId, round]);
  const [params, setFilter] = useFilterParams();
  const action = useAction();
  const [editing, setEditing] = useState<DocumentListItem | null>(null);
  const [title, setTitle] = useState("");
  const [themes, setThemes] = useState<string[]>([]);
  const [droppedFile, setDroppedFile] = useState<File | null>(null);
  const [over, setOver] = useState(false);

  const kind = params.get("type") ?? "";
  const status = params.get("statut") ?? "";
  const theme = params.get("theme") ?? "";
  const sortParam = params.get("tri") ?? "";
  const sort: Sort = sortParam in SORTS ? (sortParam as Sort) : "modification";

  const edit = (doc: DocumentListItem) => {
    setEditing(doc);
    setTitle(doc.title);
    setThemes(doc.themes);
    action.setError(null);
    editModal.open();
  };

  const saveEdit = async (event: FormEvent) => {
    event.preventDefault();
    if (!editing) return;
    if (!title.trim()) return action.setError("Indiquez le titre du document.");
    const saved = await action.run(() => updateDocument(editing.id, { title: title.trim(), themes }), "Document modifié.");
    if (!saved) return;
    editModal.close();
    onChange();
  };

  const trash = async (doc: DocumentListItem) => {
    const done = await action.run(() => trashDocument(doc.id), `« ${doc.title} » a été placé dans la corbeille.`);
    if (done) onChange();
  };

  const shown =
    documents.state === "ready"
      ? documents.data
          .filter((d) => (!kind || d.kind === kind) && (!status || d.status === status) && (!theme || d.themes.includes(theme)))
          .sort(compare[sort])
      : [];
  const filtered = !!(kind || status || theme);

  return (
    <section
      className={`fr-mb-6w${over ? " fr-background-alt--blue-france" : ""}`}
      aria-labelledby="documents-titre"
      data-testid="documents-du-comite"
      // A file dropped here is imported as a new document (the dialog asks its kind).
      onDragOver={canCreate ? (e) => { if (e.dataTransfer.types.includes("Files")) { e.preventDefault(); setOver(true); } } : undefined}
      onDragLeave={canCreate ? () => setOver(false) : undefined}
      onDrop={canCreate ? (e) => { const f = e.dataTransfer.files[0]; if (!f) return; e.preventDefault(); setOver(false); setDroppedFile(f); } : undefined}
    >
      <div className="fr-grid-row fr-grid-row--middle fr-mb-2w">
        <h2 id="documents-titre" className="fr-col fr-mb-0">
          Documents du comité
        </h2>
        {canCreate && <NewDocumentDialog spaceId={spaceId} spaceThemes={spaceThemes} droppedFile={droppedFile} onImported={onChange} />}
      </div>
      {canCreate && (
        <p className="fr-hint-text fr-mb-2w">
          Pour importer un fichier Word (.docx), LibreOffice (.odt), Markdown ou HTML, choisissez « Nouveau document » ou déposez-le sur cette liste.
        </p>
      )}
      <FormError id="documents-erreur" message={action.error} />
      {documents.state === "loading" && <p>Chargement des documents…</p>}
      {documents.state === "error" && <FormError id="documents-chargement" message="La liste des documents n'a pas pu être chargée." />}
      {documents.state === "ready" && documents.data.length === 0 && (
        <div className="fr-callout">
          <p className="fr-callout__text">
            {canCreate
              ? "Ce comité n'a pas encore de document. Créez le premier : un livrable, un diagnostic, un compte rendu…"
              : "Ce comité n'a pas encore de document."}
          </p>
        </div>
      )}
      {documents.state === "ready" && documents.data.length > 0 && (
        <>
          <div className="fr-grid-row fr-grid-row--gutters">
            <FilterSelect label="Type" value={kind} onChange={(v) => setFilter("type", v)} all="Tous les types"
              options={DOCUMENT_KINDS.map((k) => [k, DOCUMENT_KIND_LABELS[k]])} />
            <FilterSelect label="Statut" value={status} onChange={(v) => setFilter("statut", v)} all="Tous les statuts"
              options={DOCUMENT_STATUSES.map((s) => [s, DOCUMENT_STATUS_LABELS[s]])} />
            <FilterSelect label="Thématique" value={theme} onChange={(v) => setFilter("theme", v)} all="Toutes les thématiques"
              options={THEME_SLUGS.map((t) => [t, themeName(t)])} />
            <FilterSelect label="Trier par" value={sort === "modification" ? "" : sort} onChange={(v) => setFilter("tri", v)}
              all={SORTS.modification} options={(["titre", "statut"] as const).map((s) => [s, SORTS[s]])} />
          </div>
          {shown.length === 0 ? (
            <p>
              Aucun document ne correspond à ces filtres.{" "}
              {filtered && (
                <Button priority="tertiary" size="small" type="button"
                  onClick={() => ["type", "statut", "theme"].forEach((f) => setFilter(f, ""))}>
                  Retirer les filtres
                </Button>
              )}
            </p>
          ) : (
            <div className="fr-table">
              <table data-testid="documents">
                <caption>
                  Documents du comité ({shown.length}), triés par {SORTS[sort].toLowerCase()}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Titre</th>
                    <th scope="col">Type</th>
                    <th scope="col">Statut</th>
                    <th scope="col">Thématiques</th>
                    <th scope="col">Dernière modification</th>
                    {canEdit && <th scope="col">Actions</th>}
                  </tr>
                </thead>
                <tbody>
                  {shown.map((d) => (
                    <tr key={d.id}>
                      <td>
                        <Link to={`/documents/${d.id}`}>{d.title}</Link>
                      </td>
                      <td>{DOCUMENT_KIND_LABELS[d.kind]}</td>
                      <td>
                        <StatusBadge status={d.status} />
                      </td>
                      <td>{d.themes.map(themeName).join(", ") || "—"}</td>
                      <td>
                        {formatDateTime(d.lastChange.at)}
                        {d.lastChange.by && <>, par {d.lastChange.by.name}</>}
                      </td>
                      {canEdit && (
                        <td>
                          <ul className="fr-btns-group fr-btns-group--sm fr-btns-group--inline">
                            <li>
                              <Button size="small" priority="secondary" type="button" onClick={() => edit(d)}
                                nativeButtonProps={{ "aria-label": `Modifier « ${d.title} » (titre et thématiques)` }}>
                                Modifier
                              </Button>
                            </li>
                            <li>
                              <Button size="small" priority="tertiary" type="button" disabled={action.pending} onClick={() => trash(d)}
                                nativeButtonProps={{ "aria-label": `Mettre « ${d.title} » à la corbeille` }}>
                                Corbeille
                              </Button>
                            </li>
                          </ul>
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
      <editModal.Component title={editing ? `Modifier « ${editing.title} »` : "Modifier le document"}>
        <form onSubmit={saveEdit} noValidate>
          <FormError id="modifier-document-erreur" message={action.error} />
          <DocumentFields idPrefix="modifier-document" errorId="modifier-document-erreur" error={action.error}
            title={title} themes={themes} onTitle={setTitle} onThemes={setThemes} />
          <FormActions submit="Enregistrer" disabled={action.pending} onCancel={() => editModal.close()} />
        </form>
      </editModal.Component>
    </section>
  );
}

interface FilterProps {
  label: string;
  value: string;
  all: string;
  options: (readonly [string, string])[];
  onChange(value: string): void;
}

function FilterSelect({ label, value, all, options, onChange }: FilterProps) {
  return (
    <div className="fr-col-12 fr-col-md-3">
      <Select label={label} nativeSelectProps={{ value, onChange: (e) => onChange(e.target.value) }}>
        <option value="">{all}</option>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </Select>
    </div>
  );
}
