import { DOCUMENT_KIND_LABELS, type DocumentDetail, type Me } from "@atelier/shared";
import { useEffect, useState } from "react";
import { useParams } from "react-router";
import { DocumentStatusPanel } from "../workflow/DocumentStatusPanel";
import { CollaborativeEditor } from "./CollaborativeEditor";
import { ApiError, getJson } from "./http";

type Loaded = { document: DocumentDetail; user: Me } | { error: ApiError } | null;

/** The page of one document (route parameter `documentId`): its title, then the live editor. */
export function DocumentEditorPage() {
  const { documentId = "" } = useParams();
  const [loaded, setLoaded] = useState<Loaded>(null);

  useEffect(() => {
    let live = true;
    setLoaded(null);
    Promise.all([
      getJson<{ document: DocumentDetail }>(`/api/documents/${encodeURIComponent(documentId)}`),
      getJson<{ user: Me }>("/api/me"),
    ]).then(
      ([d, me]) => live && setLoaded({ document: d.document, user: me.user }),
      (error: unknown) =>
        live && setLoaded({ error: error instanceof ApiError ? error : new ApiError(0, "Le document n'a pas pu être chargé.") }),
    );
    return () => {
      live = false;
    };
  }, [documentId]);

  if (loaded === null) return <p>Chargement du document…</p>;
  if ("error" in loaded) {
    return (
      <div className="fr-alert fr-alert--error" role="alert">
        <h1 className="fr-alert__title">Document indisponible</h1>
        <p>{loaded.error.message}</p>
      </div>
    );
  }

  const { document: doc, user } = loaded;
  return (
    <article>
      <p className="fr-text--sm fr-mb-1v">
        {doc.space.name} · {DOCUMENT_KIND_LABELS[doc.kind]}
      </p>
      <h1>{doc.title}</h1>
      <DocumentStatusPanel documentId={doc.id} />
      <CollaborativeEditor
        key={doc.id}
        documentId={doc.id}
        title={doc.title}
        canEdit={doc.can.edit}
        user={{ id: user.id, name: `${user.firstName} ${user.lastName}` }}
      />
    </article>
  );
}

// The routes table loads this page on demand (the editor is the heaviest part of the app).
export default DocumentEditorPage;
