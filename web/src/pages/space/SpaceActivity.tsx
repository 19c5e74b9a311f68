/** The space's latest activity, as sentences: who did what, on which document or file, when. */
import { DOCUMENT_STATUS_LABELS, type ActivityEntry } from "@atelier/shared";
import { Link } from "react-router";
import { getActivity } from "../../api/documents";
import { formatDateTime } from "../../shell/time";
import { useLoad } from "../../shell/useLoad";

const VERB: Record<ActivityEntry["kind"], (e: ActivityEntry) => string> = {
  "document.created": () => "a créé",
  "document.edited": () => "a modifié",
  comment: () => "a commenté",
  status: (e) => `a fait passer au statut « ${e.status ? DOCUMENT_STATUS_LABELS[e.status] : ""} »`,
  "file.added": () => "a déposé le fichier",
  "file.version": () => "a déposé une nouvelle version de",
};

export function SpaceActivity({ spaceId, round }: { spaceId: string; round: number }) {
  const activity = useLoad(() => getActivity(spaceId), [spaceId, round]);
  return (
    <section className="fr-mb-6w" aria-labelledby="activite-titre">
      <h2 id="activite-titre" className="fr-h4">Activité récente</h2>
      {activity.state === "loading" && <p>Chargement de l'activité…</p>}
      {activity.state === "error" && <p>L'activité récente n'a pas pu être chargée.</p>}
      {activity.state === "ready" && activity.data.length === 0 && <p>Rien ne s'est encore passé dans cet espace.</p>}
      {activity.state === "ready" && activity.data.length > 0 && (
        <ul data-testid="activite">
          {activity.data.map((e, i) => (
            <li key={`${e.kind}-${e.target.id}-${e.at}-${i}`}>
              {e.actor?.name || "Une personne"} {VERB[e.kind](e)}{" "}
              {e.target.type === "document" ? (
                <Link to={`/documents/${e.target.id}`}>{e.target.title}</Link>
              ) : (
                <Link to={`/espaces/${spaceId}/documents-ressources`}>{e.target.title}</Link>
              )}
              <span className="fr-text--sm"> — {formatDateTime(e.at)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
