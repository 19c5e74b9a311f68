import { DOCUMENT_STATUSES, type DashboardReply, type DashboardSpace, type DocumentStatus } from "@atelier/shared";

/** One COPIL of the dashboard with its documents counted by status, in the table's order. */
export interface StatusRow {
  id: string;
  name: string;
  level: DashboardSpace["level"];
  counts: Record<DocumentStatus, number>;
  total: number;
}

function row(space: DashboardSpace): StatusRow {
  const counts = Object.fromEntries(DOCUMENT_STATUSES.map((s) => [s, 0])) as Record<DocumentStatus, number>;
  for (const d of space.documents) counts[d.status]++;
  return { id: space.id, name: space.name, level: space.level, counts, total: space.documents.length };
}

/** Every territory then its regions, as the table lists them: the chart counts what the table shows. */
export const statusRows = (data: DashboardReply): StatusRow[] => data.territories.flatMap((t) => [row(t), ...t.regions.map(row)]);

/** "3 brouillons", "1 validé": a count with its status, in words. */
export function countLabel(n: number, status: DocumentStatus): string {
  const word: Record<DocumentStatus, [string, string]> = {
    brouillon: ["brouillon", "brouillons"],
    "en-relecture": ["en relecture", "en relecture"],
    valide: ["validé", "validés"],
    transmis: ["transmis au national", "transmis au national"],
    "modifications-demandees": ["avec modifications demandées", "avec modifications demandées"],
  };
  return `${n} ${word[status][n > 1 ? 1 : 0]}`;
}

/** What a row says in words: "2 brouillons, 1 validé", or that it has none. */
export const rowSummary = (r: StatusRow): string =>
  r.total === 0
    ? "aucun document"
    : DOCUMENT_STATUSES.filter((s) => r.counts[s] > 0)
        .map((s) => countLabel(r.counts[s], s))
        .join(", ");
