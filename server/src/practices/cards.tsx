/** @jsxImportSource hono/jsx */
/** Practices as a visitor finds them in a list: the project, where, for whom. */
import { practiceFieldLabel } from "@atelier/shared";
import type { PracticeRow } from "./queries.js";

export const practicePath = (p: Pick<PracticeRow, "slug">) => `/pratiques-inspirantes/${p.slug}`;

/** The fiche's description, cut to a card's length. */
export function summaryOf(p: PracticeRow, max = 220): string {
  const text = (p.fields.find((f) => f.label === practiceFieldLabel("description"))?.text ?? "").replace(/\s+/g, " ").trim();
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

export const committeeOf = (p: PracticeRow) => [p.space_name, p.territory_name && p.territory_name !== p.space_name ? p.territory_name : null].filter(Boolean).join(", ");

export function PracticeCards({ practices }: { practices: PracticeRow[] }) {
  if (practices.length === 0) return <p>Aucune pratique inspirante pour le moment.</p>;
  return (
    <ul class="fr-grid-row fr-grid-row--gutters fr-raw-list">
      {practices.map((p) => (
        <li class="fr-col-12 fr-col-md-6">
          <div class="fr-card fr-enlarge-link">
            <div class="fr-card__body">
              <div class="fr-card__content">
                <h3 class="fr-card__title">
                  <a href={practicePath(p)}>{p.title}</a>
                </h3>
                <p class="fr-card__desc">{summaryOf(p)}</p>
                <div class="fr-card__start">
                  <p class="fr-card__detail">
                    {[p.establishment, p.target_public].filter(Boolean).join(" — ")}
                  </p>
                </div>
                <div class="fr-card__end">
                  <p class="fr-card__detail">{committeeOf(p)}</p>
                </div>
              </div>
            </div>
          </div>
        </li>
      ))}
    </ul>
  );
}
