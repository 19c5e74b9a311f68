/**
 * "Accès refusé" that is not a dead end: it says whose the space or document is (the committee,
 * as public as in the directory; a document's title stays hidden) and offers to ask for access.
 */
import type { DirectoryEntry } from "@atelier/shared";
import { Link } from "react-router";
import { useLoad } from "../shell/useLoad";
import { CommitteeAccess } from "./CommitteeAccess";

export function Refusal({ what, load }: { what: "space" | "document"; load: () => Promise<DirectoryEntry> }) {
  const owner = useLoad(load, [load]);
  const thing = what === "space" ? "cet espace" : "ce document";
  return (
    <>
      <h1>Accès refusé</h1>
      {owner.state === "ready" ? (
        <>
          <p>
            Vous n'avez pas accès à {thing} : {what === "space" ? "c'est l'espace" : "il appartient à l'espace"} du{" "}
            <strong>{owner.data.name}</strong>. Si vous devez y travailler, demandez l'accès à ses pilotes.
          </p>
          <CommitteeAccess entry={owner.data} />
        </>
      ) : (
        <p>
          Vous n'avez pas accès à {thing}.
          {owner.state === "loading" ? " Recherche du comité concerné…" : " Retrouvez son comité dans l'annuaire pour demander l'accès."}
        </p>
      )}
      <ul className="fr-links-group fr-mt-4w">
        <li>
          <Link to="/annuaire" className="fr-link">
            Annuaire des comités
          </Link>
        </li>
        <li>
          <Link to="/espaces" className="fr-link fr-icon-arrow-left-line fr-link--icon-left">
            Retour à mes espaces
          </Link>
        </li>
      </ul>
    </>
  );
}
