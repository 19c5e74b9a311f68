import { useEffect, useState } from "react";
import { errorMessage } from "../api/client";
import { getDocumentHtml } from "./api";

type Loaded = { html: string } | { error: string } | null;

/**
 * The document read from the server over plain HTTP, for when the live connection cannot be opened at all (some
 * administration networks block WebSockets): the text stays readable, and the page says why it cannot be edited.
 */
export function FallbackContent({ documentId }: { documentId: string }) {
  const [loaded, setLoaded] = useState<Loaded>(null);
  useEffect(() => {
    let live = true;
    getDocumentHtml(documentId).then(
      (html) => live && setLoaded({ html }),
      (e: unknown) => live && setLoaded({ error: errorMessage(e) }),
    );
    return () => {
      live = false;
    };
  }, [documentId]);

  return (
    <>
      <div className="fr-alert fr-alert--warning fr-mb-3w" role="alert">
        <h2 className="fr-alert__title">Édition en direct impossible depuis ce réseau</h2>
        <p>
          La connexion en temps réel avec le serveur n'a pas pu s'ouvrir : votre réseau bloque probablement les
          connexions « WebSocket ». Le document est affiché en lecture seule, dans sa dernière version enregistrée.
        </p>
        <p>
          Pour le modifier, essayez depuis un autre réseau (par exemple hors VPN), ou demandez à votre service
          informatique d'autoriser les connexions WebSocket vers {location.host}. La page se reconnecte d'elle-même dès
          que c'est possible.
        </p>
      </div>
      {loaded === null && <p>Chargement du texte du document…</p>}
      {loaded && "error" in loaded && (
        <div className="fr-alert fr-alert--error" role="alert">
          <p>{loaded.error}</p>
        </div>
      )}
      {loaded && "html" in loaded && (
        // The server's HTML export escapes every text and attribute and drops unsafe links.
        <div className="atelier-editor__content atelier-editor__content--static" data-testid="fallback-content" dangerouslySetInnerHTML={{ __html: loaded.html }} />
      )}
    </>
  );
}
