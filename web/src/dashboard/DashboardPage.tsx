/**
 * "Tableau de bord national": where each territory and its regions stand, per kind of document,
 * for the national team and the admins. Filters live in the address, so a view can be shared.
 */
import {
  DOCUMENT_KIND_LABELS,
  DOCUMENT_STATUS_LABELS,
  DOCUMENT_STATUSES,
  programme,
  THEMES,
  type DashboardDocument,
  type DashboardReply,
  type DashboardSpace,
  type DocumentKind,
} from "@atelier/shared";
import { Link } from "react-router";
import { LoadError } from "../components/LoadError";
import { formatDate } from "../shell/time";
import { useLoad } from "../shell/useLoad";
import { StatusBadge } from "../workflow/StatusBadge";
import { dashboardQuery, getDashboard, type DashboardFilters } from "./api";
import { useFilterParams } from "../shell/useFilterParams";
import { StatusChart } from "./StatusChart";
import { useNationalWriting } from "../syntheses/useNationalWriting";
import { ChoiceFilter } from "../components/ChoiceFilter";

const TITLE = "Tableau de bord national";

export function DashboardPage() {
  const [params, setFilter] = useFilterParams();
  const filters: DashboardFilters = {
    theme: params.get("theme") ?? undefined,
    status: (params.get("status") as DashboardFilters["status"]) ?? undefined,
    territory: params.get("territory") ?? undefined,
  };
  const loaded = useLoad(() => getDashboard(filters), [params.toString()]);
  const national = useNationalWriting();


  if (loaded.state === "error") return <LoadError title={TITLE} error={loaded.error} />;
  return (
    <>
      <h1>{TITLE}</h1>
      <p>Où en est chaque territoire : le nombre de documents par statut, puis le statut de chaque livrable, diagnostic et synthèse, leur dernière modification et leurs commentaires ouverts.</p>
      <form className="fr-grid-row fr-grid-row--gutters fr-mb-2w" aria-label="Filtres du tableau de bord" onSubmit={(e) => e.preventDefault()}>
        <ChoiceFilter label="Territoire" id="filtre-territory" value={filters.territory ?? ""} onChange={(v) => setFilter("territory", v)}
          options={programme.territories.map((t) => [t.slug, t.name])} all="Tous les territoires" />
        <ChoiceFilter label="Thématique" id="filtre-theme" value={filters.theme ?? ""} onChange={(v) => setFilter("theme", v)}
          options={THEMES.map((t) => [t.slug, t.name])} all="Toutes les thématiques" />
        <ChoiceFilter label="Statut" id="filtre-status" value={filters.status ?? ""} onChange={(v) => setFilter("status", v)}
          options={DOCUMENT_STATUSES.map((s) => [s, DOCUMENT_STATUS_LABELS[s]])} all="Tous les statuts" />
      </form>
      {national.space && (
        <p>
          <Link className="fr-btn fr-btn--secondary fr-icon-file-add-line fr-btn--icon-left" to="/tableau-de-bord/synthese-nationale">
            Préparer une synthèse nationale
          </Link>
        </p>
      )}
      <p>
        <a className="fr-link fr-link--download" href={dashboardQuery(filters, "csv")} download>
          Télécharger le tableau (CSV)
          <span className="fr-link__detail">Tableur, séparateur point-virgule</span>
        </a>
      </p>
      {loaded.state === "loading" ? (
        <p>Chargement…</p>
      ) : (
        <>
          {loaded.data.territories.length > 0 && <StatusChart data={loaded.data} />}
          <Table data={loaded.data} />
        </>
      )}
    </>
  );
}


function Table({ data }: { data: DashboardReply }) {
  if (data.territories.length === 0) return <p>Aucun territoire ne correspond à ces filtres.</p>;
  return (
    <div className="fr-table fr-table--bordered">
      <table>
        <caption>Documents par COPIL et par type</caption>
        <thead>
          <tr>
            <th scope="col">COPIL</th>
            {data.kinds.map((k) => (
              <th scope="col" key={k}>
                {DOCUMENT_KIND_LABELS[k]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.territories.flatMap((t) => [
            <Row key={t.id} space={t} kinds={data.kinds} noLivrable={!t.hasLivrable} />,
            ...t.regions.map((r) => <Row key={r.id} space={r} kinds={data.kinds} />),
          ])}
        </tbody>
      </table>
    </div>
  );
}

function Row({ space, kinds, noLivrable = false }: { space: DashboardSpace; kinds: DocumentKind[]; noLivrable?: boolean }) {
  return (
    <tr>
      <th scope="row">
        {space.level === "regional" ? <span className="fr-ml-2w">{space.name}</span> : <strong>{space.name}</strong>}
      </th>
      {kinds.map((kind) => {
        const docs = space.documents.filter((d) => d.kind === kind);
        return (
          <td key={kind}>
            {docs.length > 0 ? (
              <ul className="fr-raw-list">
                {docs.map((d) => (
                  <DocumentCell key={d.id} doc={d} />
                ))}
              </ul>
            ) : kind === "livrable" && noLivrable ? (
              <em>Aucun livrable pour l'instant</em>
            ) : (
              <span className="fr-text-mention--grey">—</span>
            )}
          </td>
        );
      })}
    </tr>
  );
}

function DocumentCell({ doc }: { doc: DashboardDocument }) {
  return (
    <li className="fr-mb-1w">
      <Link to={doc.link}>{doc.title}</Link>
      <br />
      <StatusBadge status={doc.status} />
      <br />
      <span className="fr-text--xs">
        Modifié le {formatDate(doc.lastChangeAt, "medium")}
        {" · "}
        {doc.openComments === 0 ? "aucun commentaire ouvert" : doc.openComments === 1 ? "1 commentaire ouvert" : `${doc.openComments} commentaires ouverts`}
      </span>
    </li>
  );
}

export default DashboardPage;
