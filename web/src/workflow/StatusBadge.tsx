import { DOCUMENT_STATUS_LABELS, type DocumentStatus } from "@atelier/shared";

// DSFR system colours: grey draft, blue under review, green validated, purple sent, orange sent back.
const TONE: Record<DocumentStatus, string> = {
  brouillon: "",
  "en-relecture": "fr-badge--info",
  valide: "fr-badge--success",
  transmis: "fr-badge--purple-glycine",
  "modifications-demandees": "fr-badge--warning",
};

export function StatusBadge({ status }: { status: DocumentStatus }) {
  return <span className={`fr-badge fr-badge--sm fr-badge--no-icon ${TONE[status]}`}>{DOCUMENT_STATUS_LABELS[status]}</span>;
}
