/** The French words every export writes around the text. */
export const COVER_LABELS = {
  committee: "Comité",
  kind: "Type de document",
  status: "Statut",
  date: "Date",
  version: "Version",
} as const;

export const TOC_TITLE = "Sommaire";
export const COMMENTS_TITLE = "Commentaires";

/** "Commentaire 2 — sur « le passage »" */
export const commentHeading = (index: number, quote: string) =>
  `Commentaire ${index + 1}${quote.trim() ? ` — sur « ${quote.trim()} »` : ""}`;

export const taskMark = (checked: boolean) => (checked ? "☑ " : "☐ ");
