/**
 * The documents an event publishes: files chosen from its committee's library (programme, slides)
 * and, once it is over, its compte rendu (a file, or a document of the space: EventReport). Attached,
 * they can be downloaded from the public page.
 */
import { EVENT_DOCUMENT_ROLE_LABELS, EVENT_DOCUMENT_ROLES, type AgendaEvent, type EventDocumentRole } from "@atelier/shared";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { useState, type FormEvent } from "react";
import { LoadError } from "../components/LoadError";
import { FormActions } from "../components/FormActions";
import { describedBy, FormError } from "../components/FormError";
import { listFiles } from "../files/api";
import { useAction } from "../shell/useAction";
import { useLoad } from "../shell/useLoad";
import { attachEventDocument, detachEventDocument, listEventDocuments } from "./api";
import { EventReport } from "./EventReport";

export function EventDocuments({ e, onClose }: { e: AgendaEvent; onClose(): void }) {
  const documents = useLoad(() => listEventDocuments(e.id), [e.id]);
  const library = useLoad(() => listFiles(e.spaceId, { sort: "title" }), [e.spaceId]);
  const attach = useAction();
  const detach = useAction();
  const [fileId, setFileId] = useState("");
  const over = new Date(e.endsAt) < new Date();
  const [role, setRole] = useState<EventDocumentRole>("document");
  const errorId = `documents-erreur-${e.id}`;

  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    const title = library.state === "ready" ? library.data.find((f) => f.id === fileId)?.title : undefined;
    if (await attach.run(() => attachEventDocument(e.id, { fileId, role }), `« ${title ?? "Document"} » joint à l'événement.`)) {
      setFileId("");
      documents.reload();
    }
  };

  return (
    <section className="fr-my-2w" aria-label={`Documents de « ${e.title} »`}>
      {documents.state === "loading" && <p>Chargement des documents…</p>}
      {documents.state === "error" && <LoadError error={documents.error} />}
      {documents.state === "ready" &&
        (documents.data.length === 0 ? (
          <p>Aucun document n'est encore publié avec cet événement.</p>
        ) : (
          <ul data-testid="documents-evenement">
            {documents.data.map((d) => (
              <li key={d.fileId}>
                {d.title} ({d.role === "compte-rendu" ? "compte rendu" : "document"}, {d.name}){" "}
                <Button
                  priority="tertiary no outline"
                  size="small"
                  disabled={detach.pending}
                  onClick={async () => {
                    if (await detach.run(() => detachEventDocument(e.id, d.fileId), `« ${d.title} » retiré de l'événement.`)) documents.reload();
                  }}
                >
                  Retirer<span className="fr-sr-only"> « {d.title} »</span>
                </Button>
              </li>
            ))}
          </ul>
        ))}
      {detach.error && <p className="fr-error-text">{detach.error}</p>}
      {library.state === "error" && <LoadError error={library.error} />}
      {library.state === "ready" &&
        (library.data.length === 0 ? (
          <p>La bibliothèque de l'espace ne contient aucun fichier : déposez-y d'abord le programme ou la présentation.</p>
        ) : (
          <form onSubmit={submit} noValidate className="fr-col-12 fr-col-md-10">
            <p className="fr-hint-text">Un document joint est téléchargeable par tous depuis la page publique de l'événement, tant que l'événement est publié.</p>
            <FormError id={errorId} message={attach.error} />
            <Select label="Fichier de la bibliothèque" nativeSelectProps={{ value: fileId, onChange: (x) => setFileId(x.target.value), ...describedBy(errorId, attach.error) }}>
              <option value="" disabled>
                Choisir un fichier
              </option>
              {library.data.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.title}
                </option>
              ))}
            </Select>
            <Select
              label="Publier comme"
              hint={over ? undefined : "Le compte rendu se joint une fois l'événement terminé."}
              nativeSelectProps={{ value: role, onChange: (x) => setRole(x.target.value as EventDocumentRole) }}
            >
              {EVENT_DOCUMENT_ROLES.filter((r) => over || r !== "compte-rendu").map((r) => (
                <option key={r} value={r}>
                  {EVENT_DOCUMENT_ROLE_LABELS[r]}
                </option>
              ))}
            </Select>
            <FormActions submit="Joindre à l'événement" disabled={attach.pending} onCancel={onClose} cancel="Fermer" />
          </form>
        ))}
      {over && <EventReport e={e} />}
    </section>
  );
}
