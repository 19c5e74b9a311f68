/**
 * "Nouveau document": the kind (each with what its template holds), a title and themes; the server
 * writes the template and the editor opens on it.
 */
import { TEMPLATE_DESCRIPTIONS } from "@atelier/editor/templates";
import { DOCUMENT_KIND_LABELS, DOCUMENT_KINDS, type DocumentKind } from "@atelier/shared";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { createModal } from "@codegouvfr/react-dsfr/Modal";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { useState, type FormEvent } from "react";
import { useNavigate } from "react-router";
import { createDocument } from "../../api/documents";
import { FormError } from "../../components/FormError";
import { useAction } from "../../shell/useAction";
import { DocumentFields } from "./DocumentFields";

const modal = createModal({ id: "nouveau-document", isOpenedByDefault: false });

export function NewDocumentDialog({ spaceId, spaceThemes }: { spaceId: string; spaceThemes: string[] }) {
  const navigate = useNavigate();
  const { run, pending, error, setError } = useAction();
  const [kind, setKind] = useState<DocumentKind>("livrable");
  const [title, setTitle] = useState("");
  const [themes, setThemes] = useState<string[]>([]);

  const open = () => {
    setTitle("");
    setThemes(spaceThemes.length === 1 ? spaceThemes : []);
    setError(null);
    modal.open();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!title.trim()) return setError("Indiquez le titre du document.");
    const created = await run(() => createDocument(spaceId, { title: title.trim(), kind, themes }));
    if (!created) return;
    modal.close();
    navigate(`/documents/${created.id}`);
  };

  return (
    <>
      <Button iconId="fr-icon-add-line" onClick={open} type="button">
        Nouveau document
      </Button>
      <modal.Component title="Nouveau document" size="large">
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
          <DocumentFields
            idPrefix="nouveau-document"
            errorId="nouveau-document-erreur"
            error={error}
            title={title}
            themes={themes}
            onTitle={setTitle}
            onThemes={setThemes}
          />
          <ul className="fr-btns-group fr-btns-group--inline-md">
            <li>
              <Button type="submit" disabled={pending}>
                Créer et ouvrir
              </Button>
            </li>
            <li>
              <Button type="button" priority="secondary" onClick={() => modal.close()}>
                Annuler
              </Button>
            </li>
          </ul>
        </form>
      </modal.Component>
    </>
  );
}
