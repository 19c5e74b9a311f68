/** The dashboard as a spreadsheet: one line per document, and one per territory without a livrable. */
import {
  DOCUMENT_KIND_LABELS,
  DOCUMENT_STATUS_LABELS,
  formatDateTime,
  SPACE_LEVEL_LABELS,
  themeName,
  type DashboardReply,
  type DashboardSpace,
} from "@atelier/shared";
import type { Config } from "../config.js";
import { toCsv } from "../http/csv.js";
import { appLink } from "../mail/links.js";

const HEADER = [
  "Territoire",
  "COPIL",
  "Niveau",
  "Type",
  "Document",
  "Thématiques",
  "Statut",
  "Dernier changement de statut",
  "Dernière modification",
  "Commentaires ouverts",
  "Lien",
];

/** Times in the zone of the person who downloads the file. */
export function dashboardCsv(reply: DashboardReply, config: Pick<Config, "publicUrl">, timeZone: string): string {
  const at = (iso: string) => formatDateTime(iso, timeZone, "short");
  const rows: (string | number)[][] = [];
  const lines = (territory: string, s: DashboardSpace) =>
    s.documents.map((d) => [
      territory,
      s.name,
      SPACE_LEVEL_LABELS[s.level],
      DOCUMENT_KIND_LABELS[d.kind],
      d.title,
      d.themes.map(themeName).join(", "),
      DOCUMENT_STATUS_LABELS[d.status],
      at(d.statusChangedAt),
      at(d.lastChangeAt),
      d.openComments,
      appLink(config, d.link),
    ]);
  for (const t of reply.territories) {
    if (!t.hasLivrable) rows.push([t.name, t.name, SPACE_LEVEL_LABELS[t.level], DOCUMENT_KIND_LABELS.livrable, "", "", "Aucun livrable pour l'instant", "", "", "", ""]);
    rows.push(...lines(t.name, t), ...t.regions.flatMap((r) => lines(t.name, r)));
  }
  return toCsv(HEADER, rows);
}
