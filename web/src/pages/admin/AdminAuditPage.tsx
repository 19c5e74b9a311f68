/**
 * "Journal d'audit": who did what, when and where, for admins. Filters live in the address so a
 * view can be shared; "Entrées plus anciennes" pages back through the log; the CSV takes the filters.
 */
import { AUDIT_KINDS, type AuditEntry, type AuditKind } from "@atelier/shared";
import { useEffect, useState } from "react";
import { auditPath, listAudit, type AuditFilters } from "../../api/audit";
import { listAdminSpaces } from "../../api/admin";
import { errorMessage } from "../../api/client";
import { LoadError } from "../../components/LoadError";
import { useLoad } from "../../shell/useLoad";
import { useFilterParams } from "../../shell/useFilterParams";
import { formatDateTime } from "../../shell/time";

const TITLE = "Journal d'audit";
const FIELDS = ["actor", "space", "kind", "from", "to"] as const;

export function AdminAuditPage() {
  const [params, setFilter] = useFilterParams();
  const filters: AuditFilters = Object.fromEntries(FIELDS.map((f) => [f, params.get(f) ?? undefined]));
  const spaces = useLoad(listAdminSpaces, []);
  const first = useLoad(() => listAudit(filters), [params.toString()]);
  // Older pages appended below the first one; reset whenever the filters change.
  const [older, setOlder] = useState<{ entries: AuditEntry[]; next: string | null } | null>(null);
  const [moreError, setMoreError] = useState<string | null>(null);
  useEffect(() => setOlder(null), [params.toString()]);



  if (first.state === "error") return <LoadError title={TITLE} error={first.error} />;
  const entries = first.state === "ready" ? [...first.data.entries, ...(older?.entries ?? [])] : [];
  const next = older ? older.next : first.state === "ready" ? first.data.next : null;
  const loadMore = async () => {
    if (!next) return;
    setMoreError(null);
    try {
      const page = await listAudit(filters, next);
      setOlder({ entries: [...(older?.entries ?? []), ...page.entries], next: page.next });
    } catch (err) {
      setMoreError(errorMessage(err));
    }
  };

  return (
    <>
      <h1>{TITLE}</h1>
      <p>Connexions, invitations, changements de rôle, désactivations, téléchargements, suppressions et restaurations, changements de statut. Les entrées sont conservées un an.</p>
      <form className="fr-grid-row fr-grid-row--gutters fr-mb-2w" aria-label="Filtres du journal" onSubmit={(e) => e.preventDefault()}>
        <div className="fr-col-12 fr-col-md-4 fr-input-group">
          <label className="fr-label" htmlFor="audit-actor">
            Personne
            <span className="fr-hint-text">Une partie de son adresse électronique</span>
          </label>
          <input id="audit-actor" className="fr-input" type="search" defaultValue={filters.actor ?? ""}
            onChange={(e) => setFilter("actor", e.target.value.trim())} />
        </div>
        <div className="fr-col-12 fr-col-md-4 fr-select-group">
          <label className="fr-label" htmlFor="audit-space">Espace</label>
          <select id="audit-space" className="fr-select" value={filters.space ?? ""} onChange={(e) => setFilter("space", e.target.value)}>
            <option value="">Tous les espaces</option>
            {spaces.state === "ready" && spaces.data.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
          </select>
        </div>
        <div className="fr-col-12 fr-col-md-4 fr-select-group">
          <label className="fr-label" htmlFor="audit-kind">Action</label>
          <select id="audit-kind" className="fr-select" value={filters.kind ?? ""} onChange={(e) => setFilter("kind", e.target.value)}>
            <option value="">Toutes les actions</option>
            {(Object.entries(AUDIT_KINDS) as [AuditKind, string][]).map(([k, label]) => <option key={k} value={k}>{label}</option>)}
          </select>
        </div>
        <div className="fr-col-6 fr-col-md-3 fr-input-group">
          <label className="fr-label" htmlFor="audit-from">Du</label>
          <input id="audit-from" className="fr-input" type="date" value={filters.from ?? ""} onChange={(e) => setFilter("from", e.target.value)} />
        </div>
        <div className="fr-col-6 fr-col-md-3 fr-input-group">
          <label className="fr-label" htmlFor="audit-to">Au</label>
          <input id="audit-to" className="fr-input" type="date" value={filters.to ?? ""} onChange={(e) => setFilter("to", e.target.value)} />
        </div>
      </form>
      <p>
        <a className="fr-link fr-link--download" href={auditPath(filters, { format: "csv" })} download>
          Télécharger le journal filtré (CSV)
          <span className="fr-link__detail">Tableur, séparateur point-virgule</span>
        </a>
      </p>
      {first.state === "loading" ? (
        <p>Chargement…</p>
      ) : entries.length === 0 ? (
        <p>Aucune entrée ne correspond à ces filtres.</p>
      ) : (
        <div className="fr-table fr-table--bordered">
          <table>
            <caption>Entrées du journal, des plus récentes aux plus anciennes</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Action</th>
                <th scope="col">Personne</th>
                <th scope="col">Espace</th>
                <th scope="col">Cible</th>
                <th scope="col">Détails</th>
                <th scope="col">Adresse</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id}>
                  <td>{formatDateTime(e.at, "short")}</td>
                  <td>{AUDIT_KINDS[e.kind]}</td>
                  <td>{e.actorEmail ?? "—"}</td>
                  <td>{e.spaceName ?? "—"}</td>
                  <td>{e.target ?? "—"}</td>
                  <td>{e.summary.length ? e.summary.map((line) => <p key={line} className="fr-text--sm fr-mb-0">{line}</p>) : "—"}</td>
                  <td>{e.address ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div aria-live="polite">{moreError && <p className="fr-error-text">{moreError}</p>}</div>
      {next && (
        <button type="button" className="fr-btn fr-btn--secondary" onClick={() => void loadMore()}>
          Entrées plus anciennes
        </button>
      )}
    </>
  );
}
