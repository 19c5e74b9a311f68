import { DOCUMENT_KIND_LABELS, FROZEN_MESSAGES, type DocumentStatusReply } from "@atelier/shared";
import { useCallback, useState } from "react";
import { Link, useParams } from "react-router";
import { ApiError, errorMessage } from "../api/client";
import { ExportDialog } from "../exports/ExportDialog";
import { DocumentAccessDenied } from "../directory/DocumentAccessDenied";
import { usePageTitle } from "../shell/pageTitle";
import { displayName, useSession } from "../shell/session";
import { useLoad } from "../shell/useLoad";
import { SynthesisSourcesPanel } from "../syntheses/SynthesisSourcesPanel";
import { PublicationPanel } from "../practices/PublicationPanel";
import { getStatus } from "../workflow/api";
import { DocumentStatusPanel } from "../workflow/DocumentStatusPanel";
import { getDocument } from "./api";
import { CollaborativeEditor } from "./CollaborativeEditor";

/** The page of one document (route parameter `documentId`): its title, its status, then the live editor. */
export function DocumentEditorPage() {
  const { documentId = "" } = useParams();
  const { user } = useSession();
  const loaded = useLoad(() => getDocument(documentId), [documentId]);
  const status = useLoad(() => getStatus(documentId), [documentId]);
  const [moved, setMoved] = useState<DocumentStatusReply | null>(null);
  usePageTitle(loaded.state === "ready" ? loaded.data.title : undefined);
  const { reload } = loaded;

  // A status change may freeze or reopen the text: the rights are read again, and the editor follows.
  const onMoved = useCallback(
    (r: DocumentStatusReply) => {
      setMoved(r);
      reload();
    },
    [reload],
  );
  // The server refused an edit (someone validated it meanwhile): the page learns why.
  const onWriteRefused = useCallback(() => {
    getStatus(documentId).then(onMoved, () => {});
  }, [documentId, onMoved]);

  if (loaded.state === "error") {
    if (loaded.error instanceof ApiError && loaded.error.status === 403) return <DocumentAccessDenied documentId={documentId} />;
    return <Unavailable error={loaded.error} />;
  }
  if (status.state === "error") return <Unavailable error={status.error} />;
  if (loaded.state === "loading" || status.state === "loading" || !user) return <p>Chargement du document…</p>;

  const doc = loaded.data;
  const current = moved ?? status.data;
  // Validated or transmitted: read-only for everyone, and the editor says why.
  const frozenMessage = FROZEN_MESSAGES[current.status] ?? null;
  return (
    <article>
      <p className="fr-text--sm fr-mb-1v">
        <Link to={`/espaces/${doc.space.id}`}>{doc.space.name}</Link> · {DOCUMENT_KIND_LABELS[doc.kind]}
      </p>
      <h1>{doc.title}</h1>
      <DocumentStatusPanel documentId={doc.id} current={current} onChange={onMoved} />
      {doc.kind === "synthese" && <SynthesisSourcesPanel key={doc.id} documentId={doc.id} />}
      {doc.kind === "fiche-pratique" && <PublicationPanel key={doc.id} documentId={doc.id} />}
      <ExportDialog documentId={doc.id} />
      <CollaborativeEditor
        // A new connection when the right to write changes, so that the server's check is the one the editor follows.
        key={`${doc.id}:${doc.can.editContent}`}
        documentId={doc.id}
        title={doc.title}
        canEdit={doc.can.editContent && !frozenMessage}
        frozenMessage={frozenMessage}
        onWriteRefused={onWriteRefused}
        user={{ id: user.id, name: displayName(user) }}
      />
    </article>
  );
}

function Unavailable({ error }: { error: unknown }) {
  return (
    <div className="fr-alert fr-alert--error" role="alert">
      <h1 className="fr-alert__title">Document indisponible</h1>
      <p>{errorMessage(error)}</p>
    </div>
  );
}

// The routes table loads this page on demand (the editor is the heaviest part of the app).
export default DocumentEditorPage;
