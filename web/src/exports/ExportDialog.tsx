/**
 * "Exporter" on a document's page: the format (ODT first, as the State's interoperability framework
 * recommends), the version (the current text or a named one), whether to add the open comments; the
 * file downloads without leaving the page, and an error is said in the dialog. "Imprimer" prints the
 * page itself, reduced to the text by print.css.
 */
import { EXPORT_FORMAT_LABELS, EXPORT_FORMATS, type ExportFormat, type VersionSummary } from "@atelier/shared";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { createModal } from "@codegouvfr/react-dsfr/Modal";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { useState, type FormEvent } from "react";
import { queryString, requestFile } from "../api/client";
import { FormError } from "../components/FormError";
import { listVersions } from "../review/api";
import { useAction } from "../shell/useAction";
import "./print.css";
import { FormActions } from "../components/FormActions";

const modal = createModal({ id: "exporter-document", isOpenedByDefault: false });
const ORDER: ExportFormat[] = ["odt", "docx", "pdf", "md", "html"];
const dateOf = (iso: string) => new Date(iso).toLocaleString("fr-FR", { dateStyle: "long", timeStyle: "short" });

/** Hands the bytes to the browser as a download. */
function save(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // The browser has taken the file; the address can go once the click is handled.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function ExportDialog({ documentId }: { documentId: string }) {
  const { run, pending, error, setError } = useAction();
  const [format, setFormat] = useState<ExportFormat>("odt");
  const [version, setVersion] = useState("");
  const [comments, setComments] = useState(false);
  const [named, setNamed] = useState<VersionSummary[] | null>(null);

  const open = () => {
    setError(null);
    modal.open();
    // Named versions are read when the dialog opens: the page does not pay for them otherwise.
    listVersions(documentId).then(
      (r) => setNamed(r.versions.filter((v) => v.name)),
      () => setNamed([]),
    );
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const query = queryString({ format, version: version || undefined, comments: comments && !version ? "true" : undefined });
    const file = await run(() => requestFile(`/api/documents/${documentId}/export${query}`), "Export téléchargé.");
    if (!file) return;
    save(file.blob, file.name);
    modal.close();
  };

  return (
    <>
      <ul className="fr-btns-group fr-btns-group--inline fr-btns-group--sm fr-btns-group--icon-left fr-mb-2w atelier-no-print">
        <li>
          <Button type="button" priority="secondary" iconId="fr-icon-download-line" onClick={open}>
            Exporter
          </Button>
        </li>
        <li>
          <Button type="button" priority="tertiary" iconId="fr-icon-printer-line" onClick={() => window.print()}>
            Imprimer
          </Button>
        </li>
      </ul>
      <modal.Component title="Exporter le document">
        <form onSubmit={submit} noValidate>
          <FormError id="exporter-erreur" message={error} />
          <RadioButtons
            legend="Format"
            name="format-export"
            options={ORDER.filter((f) => EXPORT_FORMATS.includes(f)).map((f) => ({
              label: EXPORT_FORMAT_LABELS[f],
              nativeInputProps: { value: f, checked: format === f, onChange: () => setFormat(f) },
            }))}
          />
          <Select
            label="Version"
            hint={named === null ? "Chargement des versions nommées…" : undefined}
            nativeSelectProps={{ value: version, onChange: (e) => setVersion(e.target.value) }}
          >
            <option value="">Texte actuel</option>
            {(named ?? []).map((v) => (
              <option key={v.id} value={v.id}>
                {v.name} ({dateOf(v.createdAt)})
              </option>
            ))}
          </Select>
          <Checkbox
            options={[
              {
                label: "Inclure les commentaires ouverts",
                hintText: version
                  ? "Les commentaires portent sur le texte actuel : ils ne sont pas joints à une version."
                  : "En commentaires Word ou LibreOffice, en notes de fin dans un PDF.",
                nativeInputProps: { checked: comments && !version, disabled: !!version, onChange: (e) => setComments(e.target.checked) },
              },
            ]}
          />
          <FormActions submit={pending ? "Préparation du fichier…" : "Télécharger"} disabled={pending} onCancel={() => modal.close()} />
        </form>
      </modal.Component>
    </>
  );
}
