/**
 * Where the programme stands at a glance: one stacked bar per COPIL, a segment per status.
 * Plain HTML and CSS (no chart library to download on a poor connection); each status has its
 * own pattern as well as its colour, and each bar is followed by its counts in words, so the
 * chart reads without colour. The same figures are offered as a table.
 */
import { DOCUMENT_STATUS_LABELS, DOCUMENT_STATUSES, type DashboardReply } from "@atelier/shared";
import { rowSummary, statusRows } from "./counts";
import "./dashboard.css";

export function StatusChart({ data }: { data: DashboardReply }) {
  const rows = statusRows(data);
  const max = Math.max(1, ...rows.map((r) => r.total));
  return (
    <figure className="atelier-chart fr-mb-4w" aria-labelledby="graphique-titre">
      <figcaption id="graphique-titre" className="fr-h5 fr-mb-2w">
        Avancement des documents par COPIL
      </figcaption>
      <ul className="atelier-chart__legend fr-raw-list" aria-label="Légende">
        {DOCUMENT_STATUSES.map((s) => (
          <li key={s}>
            <span className={`atelier-chart__swatch atelier-chart--${s}`} aria-hidden="true" />
            {DOCUMENT_STATUS_LABELS[s]}
          </li>
        ))}
      </ul>
      <ul className="atelier-chart__rows fr-raw-list" data-testid="graphique">
        {rows.map((r) => (
          <li key={r.id} className={`atelier-chart__row atelier-chart__row--${r.level}`} data-testid="graphique-copil">
            <span className="atelier-chart__name">{r.level === "territorial" ? <strong>{r.name}</strong> : r.name}</span>
            <span className="atelier-chart__bar" aria-hidden="true">
              {DOCUMENT_STATUSES.filter((s) => r.counts[s] > 0).map((s) => (
                <span
                  key={s}
                  className={`atelier-chart__segment atelier-chart--${s}`}
                  style={{ width: `${(r.counts[s] / max) * 100}%` }}
                  title={`${DOCUMENT_STATUS_LABELS[s]} : ${r.counts[s]}`}
                />
              ))}
            </span>
            <span className="atelier-chart__counts" data-testid="graphique-total" data-total={r.total}>
              <span className="fr-sr-only">{r.name} : </span>
              {r.total > 0 && <strong>{r.total} : </strong>}
              {rowSummary(r)}
            </span>
          </li>
        ))}
      </ul>
      <details className="fr-mt-2w">
        <summary>Voir ces chiffres en tableau</summary>
        <div className="fr-table fr-table--sm fr-mt-1w">
          <table>
            <caption>Avancement : nombre de documents par COPIL</caption>
            <thead>
              <tr>
                <th scope="col">COPIL</th>
                {DOCUMENT_STATUSES.map((s) => (
                  <th scope="col" key={s}>
                    {DOCUMENT_STATUS_LABELS[s]}
                  </th>
                ))}
                <th scope="col">Total</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <th scope="row">{r.name}</th>
                  {DOCUMENT_STATUSES.map((s) => (
                    <td key={s}>{r.counts[s]}</td>
                  ))}
                  <td>{r.total}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
