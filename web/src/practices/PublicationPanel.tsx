/**
 * A fiche pratique's place on the public site, on its document page: its pilote publishes it once
 * its "Accord pour diffusion publique" says oui (the page shows the fields as they are at that
 * moment: publishing again updates it), and takes it off the site at once.
 */
import type { PracticePublication } from "@atelier/shared";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { useState } from "react";
import { LoadError } from "../components/LoadError";
import { useAction } from "../shell/useAction";
import { formatDateTime } from "../shell/time";
import { useLoad } from "../shell/useLoad";
import { getPublication, publish, unpublish } from "./api";

export function PublicationPanel({ documentId }: { documentId: string }) {
  const loaded = useLoad(() => getPublication(documentId), [documentId]);
  const [changed, setChanged] = useState<PracticePublication | null>(null);
  const action = useAction();
  if (loaded.state === "loading") return <p>Chargement de la publication…</p>;
  if (loaded.state === "error") return <LoadError title="Publication sur le site" error={loaded.error} />;
  const p = changed ?? loaded.data;
  const run = async (change: () => Promise<PracticePublication>, success: string) => {
    const next = await action.run(change, success);
    if (next) setChanged(next);
  };
  return (
    <section className="fr-mb-4w fr-p-2w fr-background-alt--grey" aria-labelledby="publication-titre">
      <h2 id="publication-titre" className="fr-h6 fr-mb-1w">
        Publication sur le site public
      </h2>
      <p className="fr-mb-1w">
        {p.published ? (
          <>
            <Badge as="span" severity="success" noIcon>
              Publiée
            </Badge>{" "}
            le {formatDateTime(p.publishedAt!)} —{" "}
            {/* The public page is the server's: a full page load, not a route of the app. */}
            <a className="fr-link" href={p.url!}>
              Voir la page publique
            </a>
          </>
        ) : (
          <Badge as="span" noIcon>
            Non publiée
          </Badge>
        )}
      </p>
      <p className="fr-text--sm fr-mb-1w">
        Le site montre les rubriques de la fiche telles qu'elles sont au moment de la publication : publiez de nouveau pour mettre la
        page à jour. La fiche n'est publiée que si la rubrique « Accord pour diffusion publique » indique « oui » ; si elle change, la
        fiche quitte le site aussitôt.
      </p>
      {p.canPublish && p.consent !== "oui" && (
        <p className="fr-text--sm fr-mb-1w fr-text-default--warning">
          La rubrique « Accord pour diffusion publique » n'indique pas « oui » pour le moment : écrivez-y « oui » si l'auteur l'accepte, puis publiez.
        </p>
      )}
      {p.canPublish && (
        <>
          {action.error && (
            <p className="fr-error-text" role="alert">
              {action.error}
            </p>
          )}
          <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm">
            <li>
              <Button disabled={action.pending} onClick={() => run(() => publish(documentId), "Fiche publiée sur le site.")}>
                {p.published ? "Mettre à jour la page publique" : "Publier sur le site"}
              </Button>
            </li>
            {p.published && (
              <li>
                <Button priority="secondary" disabled={action.pending} onClick={() => run(() => unpublish(documentId), "Fiche retirée du site.")}>
                  Retirer du site
                </Button>
              </li>
            )}
          </ul>
        </>
      )}
    </section>
  );
}
