/**
 * What the directory says of one committee (level, territory, who pilots it) and the way in:
 * open it, wait for the pending request, or ask for access.
 */
import { SPACE_LEVEL_LABELS, type DirectoryEntry } from "@atelier/shared";
import { Link } from "react-router";
import { AccessRequestForm } from "./AccessRequestForm";

/** "COPIL territorial · piloté par DR PACA", as the directory describes a committee. */
export function describeCommittee(entry: DirectoryEntry): string {
  const parts = [SPACE_LEVEL_LABELS[entry.level]];
  if (entry.level === "regional" && entry.territory) parts.push(`territoire du ${entry.territory}`);
  parts.push(entry.pilotOrganisations.length ? `piloté par ${entry.pilotOrganisations.join(", ")}` : "sans pilote désigné pour l'instant");
  if (entry.archived) parts.push("archivé");
  return parts.join(" · ");
}

export function CommitteeAccess({ entry }: { entry: DirectoryEntry }) {
  return (
    <>
      <p className="fr-text--sm fr-text-mention--grey">{describeCommittee(entry)}</p>
      {entry.access === "reader" ? (
        <p>
          Vous avez accès à cet espace :{" "}
          <Link to={`/espaces/${entry.id}`} className="fr-link">
            ouvrir le {entry.name}
          </Link>
          .
        </p>
      ) : entry.access === "pending" ? (
        <div className="fr-alert fr-alert--info fr-alert--sm fr-mb-3w">
          <p>Votre demande d'accès est en attente : ses pilotes vous répondront par courriel et dans vos notifications.</p>
        </div>
      ) : (
        <AccessRequestForm spaceId={entry.id} spaceName={entry.name} />
      )}
    </>
  );
}
