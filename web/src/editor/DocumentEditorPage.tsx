import { DOCUMENT_KIND_LABELS } from "@atelier/shared";
import { Link, useParams } from "react-router";
import { errorMessage } from "../api/client";
import { usePageTitle } from "../shell/pageTitle";
import { displayName, useSession } from "../shell/session";
import { useLoad } from "../shell/useLoad";
import { DocumentStatusPanel } from "../workflow/DocumentStatusPanel";
import { getDocument } from "./api";
import { CollaborativeEditor } from "./CollaborativeEditor";

/** The page of one document (route parameter `documentId`): its title, then the live editor. */
export function DocumentEditorPage() {
  const { documentId = "" } = useParams();
  const { user } = useSession();
  const loaded = useLoad(() => getDocument(documentId), [documentId]);
  usePageTitle(loaded.state === "ready" ? loaded.data.title : undefined);

  if (loaded.state === "loading" || !user) return <p>Chargement du document…</p>;
  if (loaded.state === "error") {
    return (
      <div className="fr-alert fr-alert--error" role="alert">
        <h1 className="fr-alert__title">Document indisponible</h1>
        <p>{errorMessage(loaded.error)}</p>
      </div>
    );
  }

  const doc = loaded.data;
  return (
    <article>
      <p className="fr-text--sm fr-mb-1v">
        <Link to={`/espaces/${doc.space.id}`}>{doc.space.name}</Link> · {DOCUMENT_KIND_LABELS[doc.kind]}
      </p>
      <h1>{doc.title}</h1>
      <DocumentStatusPanel documentId={doc.id} />
      <CollaborativeEditor
        key={doc.id}
        documentId={doc.id}
        title={doc.title}
        canEdit={doc.can.edit}
        user={{ id: user.id, name: displayName(user) }}
      />
    </article>
  );
}

// The routes table loads this page on demand (the editor is the heaviest part of the app).
export default DocumentEditorPage;
