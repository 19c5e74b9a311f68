/**
 * "Demandes d'accès à traiter": every pending request of the spaces I manage, where the bell's
 * "X demande l'accès à …" leads; each granted with a role or declined here.
 */
import { Link } from "react-router";
import { listAllAccessRequests } from "../api/spaces";
import { LoadError } from "../components/LoadError";
import { RequestCards } from "../pages/space/AccessRequests";
import { useLoad } from "../shell/useLoad";

const TITLE = "Demandes d'accès à traiter";

export function AccessRequestsPage() {
  const requests = useLoad(listAllAccessRequests, []);
  if (requests.state === "error") return <LoadError title={TITLE} error={requests.error} />;
  return (
    <>
      <h1>{TITLE}</h1>
      {requests.state === "loading" ? (
        <p>Chargement des demandes…</p>
      ) : requests.data.length === 0 ? (
        <>
          <p>Aucune demande d'accès n'attend votre décision.</p>
          <p>
            <Link to="/espaces" className="fr-link fr-icon-arrow-left-line fr-link--icon-left">
              Retour à mes espaces
            </Link>
          </p>
        </>
      ) : (
        <>
          <p>Ces personnes demandent à rejoindre un espace que vous pilotez. Choisissez leur rôle, ou déclinez.</p>
          <RequestCards requests={requests.data} onDone={requests.reload} heading="h2" withSpace />
        </>
      )}
    </>
  );
}

export default AccessRequestsPage;
