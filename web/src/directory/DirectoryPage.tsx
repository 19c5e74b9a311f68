/**
 * "Annuaire des comités": every committee of the programme, its level, territory and who pilots
 * it, with the way in for each (open it, or ask for access). Nothing of their content.
 */
import { SPACE_LEVEL_LABELS, type DirectoryEntry } from "@atelier/shared";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Link } from "react-router";
import { LoadError } from "../components/LoadError";
import { useLoad } from "../shell/useLoad";
import { listCommittees } from "./api";

const TITLE = "Annuaire des comités";

export function DirectoryPage() {
  const loaded = useLoad(listCommittees, []);
  if (loaded.state === "error") return <LoadError title={TITLE} error={loaded.error} />;
  return (
    <>
      <h1>{TITLE}</h1>
      <p>
        Tous les comités de pilotage des États généraux du travail social. Pour travailler dans l'un d'eux, demandez l'accès :
        ses pilotes reçoivent votre demande et vous répondent.
      </p>
      {loaded.state === "loading" ? (
        <p>Chargement de l'annuaire…</p>
      ) : (
        <div className="fr-table fr-table--no-caption" data-testid="annuaire">
          <div className="fr-table__wrapper">
            <div className="fr-table__container">
              <div className="fr-table__content">
                <table>
                  <caption>{TITLE}</caption>
                  <thead>
                    <tr>
                      <th scope="col">Comité</th>
                      <th scope="col">Niveau</th>
                      <th scope="col">Territoire</th>
                      <th scope="col">Pilotage</th>
                      <th scope="col">Votre accès</th>
                    </tr>
                  </thead>
                  <tbody>
                    {loaded.data.map((entry) => (
                      <Row key={entry.id} entry={entry} />
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
          </div>
        </div>
      )}
    </>
  );
}

function Row({ entry }: { entry: DirectoryEntry }) {
  return (
    <tr>
      <th scope="row">
        {entry.name}
        {entry.archived && (
          <>
            {" "}
            <Badge as="span" small noIcon>
              Archivé
            </Badge>
          </>
        )}
      </th>
      <td>{SPACE_LEVEL_LABELS[entry.level]}</td>
      <td>{entry.territory ?? "—"}</td>
      <td>{entry.pilotOrganisations.join(", ") || "Aucun pilote désigné"}</td>
      <td>
        {entry.access === "reader" ? (
          <Link to={`/espaces/${entry.id}`} className="fr-link">
            Ouvrir<span className="fr-sr-only"> le {entry.name}</span>
          </Link>
        ) : entry.access === "pending" ? (
          <Badge as="span" small severity="info" noIcon>
            Demande envoyée
          </Badge>
        ) : (
          <Link to={`/annuaire/${entry.id}`} className="fr-btn fr-btn--sm fr-btn--secondary">
            Demander l'accès<span className="fr-sr-only"> au {entry.name}</span>
          </Link>
        )}
      </td>
    </tr>
  );
}

export default DirectoryPage;
