/**
 * "Nouveau document": the kind (each with what its template holds), then either a title and themes
 * (the server writes the template and the editor opens on it) or a file to import (DOCX, ODT,
 * Markdown, HTML), after which the person reads what of the file was not kept before opening it.
 * A file dropped on the space's documents opens the dialog on the import.
 */
import { TEMPLATE_DESCRIPTIONS } from "@atelier/editor/templates";
import { DOCUMENT_KIND_LABELS, DOCUMENT_KINDS, FILE_IMPORT_MAX_BYTES, IMPORT_ACCEPT, type DocumentKind, type ImportDocumentReply } from "@atelier/shared";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { createModal } from "@codegouvfr/react-dsfr/Modal";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { useEffect, useState, type FormEvent } from "react";
import { useNavigate } from "react-router";
import { createDocument } from "../../api/documents";
import { importDocument } from "../../api/imports";
import { describedBy, FormError } from "../../components/FormError";
import { useAction } from "../../shell/useAction";
import { DocumentFields } from "./DocumentFields";
import { FormActions } from "../../components/FormActions";

const modal = createModal({ id: "nouveau-document", isOpenedByDefault: false });

type Start = "modele" | "fichier";

interface Props {
  spaceId: string;
  spaceThemes: string[];
  /** A file dropped on the documents: the dialog opens to import it. */
  droppedFile: File | null;
  /** A document was imported (the list shows it even if the person does not open it). */
  onImported(): void;
}

export function NewDocumentDialog({ spaceId, spaceThemes, droppedFile, onImported }: Props) {
  const navigate = useNavigate();
  const { run, pending, error, setError } = useAction();
  const [kind, setKind] = useState<DocumentKind>("livrable");
  const [title, setTitle] = useState("");
  const [themes, setThemes] = useState<string[]>([]);
  const [start, setStart] = useState<Start>("modele");
  const [file, setFile] = useState<File | null>(null);
  const [imported, setImported] = useState<ImportDocumentReply | null>(null);

  const open = (chosen: File | null = null) => {
    setTitle("");
    setThemes(spaceThemes.length === 1 ? spaceThemes : []);
    setStart(chosen ? "fichier" : "modele");
    setFile(chosen);
    setImported(null);
    setError(null);
    modal.open();
  };

  useEffect(() => {
    if (droppedFile) open(droppedFile);
    // Only a new drop opens the dialog.
  }, [droppedFile]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (start === "fichier") {
      if (!file) return setError("Choisissez le fichier à importer.");
      const done = await run(() => importDocument(spaceId, file, kind, title.trim() || undefined), "Le fichier a été importé.");
      if (!done) return;
      setImported(done);
      onImported();
      return;
    }
    if (!title.trim()) return setError("Indiquez le titre du document.");
    const created = await run(() => createDocument(spaceId, { title: title.trim(), kind, themes }));
    if (!created) return;
    modal.close();
    navigate(`/documents/${created.id}`);
  };

  const openImported = () => {
    modal.close();
    navigate(`/documents/${imported!.id}`);
  };

  return (
    <>
      <Button iconId="fr-icon-add-line" onClick={() => open()} type="button">
        Nouveau document
      </Button>
      <modal.Component title="Nouveau document" size="large">
        {imported ? (
          <div data-testid="import-bilan">
            <div className="fr-alert fr-alert--success fr-alert--sm fr-mb-3w">
              <p>Le document a été créé à partir du fichier.</p>
            </div>
            {imported.dropped.length ? (
              <>
                <p>Ce qui n'a pas pu être repris du fichier :</p>
                <ul data-testid="import-non-repris">
                  {imported.dropped.map((d) => (
                    <li key={d}>{d}</li>
                  ))}
                </ul>
              </>
            ) : (
              <p>Tout le contenu du fichier a été repris.</p>
            )}
            <Button type="button" onClick={openImported}>
              Ouvrir le document
            </Button>
          </div>
        ) : (
        <form onSubmit={submit} noValidate id="nouveau-document-formulaire">
          <FormError id="nouveau-document-erreur" message={error} />
          <RadioButtons
            legend="Type de document"
            name="type-de-document"
            options={DOCUMENT_KINDS.map((k) => ({
              label: DOCUMENT_KIND_LABELS[k],
              hintText: TEMPLATE_DESCRIPTIONS[k],
              nativeInputProps: { value: k, checked: kind === k, onChange: () => setKind(k) },
            }))}
          />
          <RadioButtons
            legend="Point de départ"
            name="point-de-depart"
            orientation="horizontal"
            options={[
              { label: "Le modèle de ce type", nativeInputProps: { value: "modele", checked: start === "modele", onChange: () => setStart("modele") } },
              { label: "Importer un fichier", nativeInputProps: { value: "fichier", checked: start === "fichier", onChange: () => setStart("fichier") } },
            ]}
          />
          {start === "modele" ? (
            <DocumentFields
              idPrefix="nouveau-document"
              errorId="nouveau-document-erreur"
              error={error}
              title={title}
              themes={themes}
              onTitle={setTitle}
              onThemes={setThemes}
            />
          ) : (
            <>
              <div className="fr-upload-group fr-mb-3w">
                <label className="fr-label" htmlFor="nouveau-document-fichier">
                  Fichier à importer
                  <span className="fr-hint-text">
                    Word (.docx), LibreOffice (.odt), Markdown (.md) ou page web (.html), {FILE_IMPORT_MAX_BYTES / (1024 * 1024)} Mo au plus.
                    {file && <> Fichier choisi : {file.name}.</>}
                  </span>
                </label>
                <input
                  className="fr-upload"
                  type="file"
                  id="nouveau-document-fichier"
                  accept={IMPORT_ACCEPT}
                  onChange={(e) => setFile(e.target.files?.[0] ?? null)}
                  {...describedBy("nouveau-document-erreur", error)}
                />
              </div>
              <Input
                label="Titre (facultatif)"
                hintText="Sans titre, le document porte le nom du fichier."
                nativeInputProps={{ id: "nouveau-document-titre-import", value: title, maxLength: 200, onChange: (e) => setTitle(e.target.value) }}
              />
            </>
          )}
          <FormActions
            submit={start === "fichier" ? (pending ? "Import en cours…" : "Importer") : "Créer et ouvrir"}
            disabled={pending}
            onCancel={() => modal.close()}
          />
        </form>
        )}
      </modal.Component>
    </>
  );
}
