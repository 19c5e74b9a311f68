/** One committee of the directory (route parameter `spaceId`): what it is and the request for access. */
import { Link, useParams } from "react-router";
import { LoadError } from "../components/LoadError";
import { usePageTitle } from "../shell/pageTitle";
import { useLoad } from "../shell/useLoad";
import { committee } from "./api";
import { CommitteeAccess } from "./CommitteeAccess";

export function RequestAccessPage() {
  const { spaceId = "" } = useParams();
  const loaded = useLoad(() => committee(spaceId), [spaceId]);
  usePageTitle(loaded.state === "ready" ? `Demander l'accès au ${loaded.data.name}` : undefined);
  const back = (
    <p className="fr-mt-4w">
      <Link to="/annuaire" className="fr-link fr-icon-arrow-left-line fr-link--icon-left">
        Retour à l'annuaire des comités
      </Link>
    </p>
  );
  if (loaded.state === "error") {
    return (
      <>
        <LoadError title="Demander l'accès" error={loaded.error} />
        {back}
      </>
    );
  }
  if (loaded.state === "loading") return <p>Chargement…</p>;
  return (
    <>
      <h1>{loaded.data.name}</h1>
      <CommitteeAccess entry={loaded.data} />
      {back}
    </>
  );
}

export default RequestAccessPage;
