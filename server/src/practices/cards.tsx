/** @jsxImportSource hono/jsx */
/** Practices as a visitor finds them in a list: the project, where, for whom. */
import { practiceFieldLabel } from "@atelier/shared";
import { Cards } from "../public-site/cards.js";
import type { PracticeRow } from "./queries.js";

export const practicePath = (p: Pick<PracticeRow, "slug">) => `/pratiques-inspirantes/${p.slug}`;

/** The fiche's description, cut to a card's length. */
export function summaryOf(p: PracticeRow, max = 220): string {
  const text = (p.fields.find((f) => f.label === practiceFieldLabel("description"))?.text ?? "").replace(/\s+/g, " ").trim();
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

export const committeeOf = (p: PracticeRow) => [p.space_name, p.territory_name && p.territory_name !== p.space_name ? p.territory_name : null].filter(Boolean).join(", ");

export function PracticeCards({ practices }: { practices: PracticeRow[] }) {
  return (
    <Cards
      empty="Aucune pratique inspirante pour le moment."
      cards={practices.map((p) => ({
        href: practicePath(p),
        title: p.title,
        desc: summaryOf(p),
        start: <p class="fr-card__detail">{[p.establishment, p.target_public].filter(Boolean).join(" — ")}</p>,
        end: <p class="fr-card__detail">{committeeOf(p)}</p>,
      }))}
    />
  );
}
