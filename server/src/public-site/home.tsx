/** @jsxImportSource hono/jsx */
/** The public home: what the États généraux are, the sections' blocks (the calendar ahead…), the territories. */
import { programme } from "@atelier/shared";
import type { Child } from "hono/jsx";

export function Home({ sections }: { sections: Child[] }) {
  return (
    <>
      <h1>États généraux du travail social</h1>
      <p class="fr-text--lead">
        Partout en France, des comités de pilotage réunissent celles et ceux que le travail social concerne : professionnels de
        terrain, bénévoles, employeurs, formateurs, élus, et les personnes qui font appel aux services sociaux. Ils dressent un
        état des lieux, repèrent les pratiques inspirantes et proposent des leviers d'action.
      </p>
      <p>
        Le {programme.national.copil}, {programme.national.chairs}, cadre la démarche ; les comités territoriaux et régionaux
        organisent des rencontres ouvertes au public.
      </p>
      {sections}
      <section class="fr-my-6w" aria-labelledby="territoires">
        <h2 id="territoires">Les territoires</h2>
        <ul class="fr-grid-row fr-grid-row--gutters fr-raw-list">
          {programme.territories.map((t) => (
            <li class="fr-col-12 fr-col-md-4">
              <div class="fr-card fr-card--no-arrow">
                <div class="fr-card__body">
                  <div class="fr-card__content">
                    <h3 class="fr-card__title">
                      <a href={`/evenements?territoire=${t.slug}`}>{t.name}</a>
                    </h3>
                    <p class="fr-card__desc">{t.regions.join(", ")}</p>
                  </div>
                </div>
              </div>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
