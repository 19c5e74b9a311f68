/** @jsxImportSource hono/jsx */
/** The practices' part of the public site's home and site map. */
import type { Services } from "../context.js";
import type { PublicSection } from "../public-site/sections.js";
import { PracticeCards, practicePath } from "./cards.js";
import { publishedPractices } from "./queries.js";

const HOME_PRACTICES = 4;

export function practicesSection(s: Services): PublicSection {
  return {
    home: async () => (
      <section class="fr-my-6w" aria-labelledby="dernieres-pratiques">
        <h2 id="dernieres-pratiques">Dernières pratiques inspirantes</h2>
        <PracticeCards practices={await publishedPractices(s.db, { limit: HOME_PRACTICES })} />
        <ul class="fr-btns-group fr-btns-group--inline-md">
          <li>
            <a class="fr-btn fr-btn--secondary" href="/pratiques-inspirantes">
              Toutes les pratiques inspirantes
            </a>
          </li>
          <li>
            <a class="fr-btn" href="/pratiques-inspirantes/proposer">
              Proposer une pratique
            </a>
          </li>
        </ul>
      </section>
    ),
    siteMap: async () => ({
      path: "/pratiques-inspirantes",
      title: "Pratiques inspirantes",
      children: [
        { path: "/pratiques-inspirantes/proposer", title: "Proposer une pratique inspirante" },
        ...(await publishedPractices(s.db)).map((p) => ({ path: practicePath(p), title: p.title })),
      ],
    }),
  };
}
