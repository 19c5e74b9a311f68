/** How a status change is told: in the bell, the mail's subject and the refusals. */
import { DOCUMENT_KIND_LABELS, DOCUMENT_STATUS_LABELS, type DocumentStatus } from "@atelier/shared";
import type { DocumentRow } from "../documents/queries.js";

export const quote = (s: DocumentStatus) => `« ${DOCUMENT_STATUS_LABELS[s]} »`;

export function summaryOf(row: Pick<DocumentRow, "kind" | "title">, actorName: string, to: DocumentStatus, comment: string): string {
  const what = `${DOCUMENT_KIND_LABELS[row.kind]} « ${row.title} »`;
  const why = comment.length > 140 ? `${comment.slice(0, 139)}…` : comment;
  if (to === "modifications-demandees") return `${what} : ${actorName} demande des modifications (« ${why} »).`;
  if (to === "brouillon") return `${what} : ${actorName} l'a rouvert pour modification (« ${why} »).`;
  return `${what} : ${actorName} l'a passé au statut ${quote(to)}.`;
}
