/**
 * An event's compte rendu written as a document of its space, once the event is over: the public
 * page shows its text as it was when published; "Mettre à jour sur le site" publishes it again. The
 * space's comptes rendus come first among the documents to choose from.
 */
import type { AgendaEvent, DocumentListItem } from "@atelier/shared";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { useState, type FormEvent } from "react";
import { listDocuments } from "../api/documents";
import { describedBy, FormError } from "../components/FormError";
import { LoadError } from "../components/LoadError";
import { useAction } from "../shell/useAction";
import { useLoad } from "../shell/useLoad";
import { getEventReport, publishEventReport, removeEventReport } from "./api";

const day = new Intl.DateTimeFormat("fr-FR", { dateStyle: "long", timeStyle: "short", timeZone: "Europe/Paris" });

export function EventReport({ e }: { e: AgendaEvent }) {
  const report = useLoad(() => getEventReport(e.id), [e.id]);
  const documents = useLoad(() => listDocuments(e.spaceId), [e.spaceId]);
  const publish = useAction();
  const remove = useAction();
  const [documentId, setDocumentId] = useState("");
  const errorId = `compte-rendu-erreur-${e.id}`;

  const send = async (id: string, title: string) => {
    if (await publish.run(() => publishEventReport(e.id, { documentId: id }), `Compte rendu « ${title} » publié sur le site.`)) report.reload();
  };
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    const title = documents.state === "ready" ? documents.data.find((d) => d.id === documentId)?.title : undefined;
    void send(documentId, title ?? "Document");
  };
  const group = (label: string, list: DocumentListItem[]) =>
    list.length > 0 && (
      <optgroup label={label}>
        {list.map((d) => (
          <option key={d.id} value={d.id}>
            {d.title}
          </option>
        ))}
      </optgroup>
    );

  return (
    <section className="fr-mt-3w" aria-label={`Compte rendu de « ${e.title} »`}>
      <p className="fr-text--bold fr-mb-1w">Compte rendu rédigé dans l'espace</p>
      {report.state === "error" && <LoadError error={report.error} />}
      {documents.state === "error" && <LoadError error={documents.error} />}
      <FormError id={errorId} message={publish.error ?? remove.error} />
      {report.state === "ready" && report.data && (
        <>
          <p data-testid="compte-rendu-publie">
            « {report.data.title} » est publié sur la page de l'événement, tel qu'il était le {day.format(new Date(report.data.publishedAt))}.
          </p>
          <ul className="fr-btns-group fr-btns-group--inline-sm">
            <li>
              <Button priority="secondary" disabled={publish.pending} onClick={() => void send(report.data!.documentId, report.data!.title)}>
                Mettre à jour sur le site
              </Button>
            </li>
            <li>
              <Button
                priority="tertiary"
                disabled={remove.pending}
                onClick={async () => {
                  if (await remove.run(() => removeEventReport(e.id), "Compte rendu retiré du site.")) report.reload();
                }}
              >
                Retirer du site
              </Button>
            </li>
          </ul>
        </>
      )}
      {report.state === "ready" && !report.data && documents.state === "ready" && (
        <form onSubmit={submit} noValidate className="fr-col-12 fr-col-md-10">
          <p className="fr-hint-text">Le texte du document est publié sur la page de l'événement tel qu'il est au moment de la publication.</p>
          <Select label="Document de l'espace" nativeSelectProps={{ value: documentId, onChange: (x) => setDocumentId(x.target.value), ...describedBy(errorId, publish.error) }}>
            <option value="" disabled>
              Choisir un document
            </option>
            {group("Comptes rendus", documents.data.filter((d) => d.kind === "compte-rendu"))}
            {group("Autres documents", documents.data.filter((d) => d.kind !== "compte-rendu"))}
          </Select>
          <Button type="submit" disabled={publish.pending || !documentId}>
            Publier le compte rendu
          </Button>
        </form>
      )}
    </section>
  );
}
