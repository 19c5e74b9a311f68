/** @jsxImportSource hono/jsx */
/** The DSFR's cards in a grid, two a row: how the public pages list events, practices and questionnaires. */
import type { Child } from "hono/jsx";

export interface Card {
  href: string;
  title: string;
  desc?: Child;
  /** Above the title: badges, a kind. */
  start?: Child;
  /** Below the description: who, where. */
  end?: Child;
}

export function Cards({ cards, empty, level = 3 }: { cards: Card[]; empty: string; level?: 2 | 3 }) {
  if (cards.length === 0) return <p>{empty}</p>;
  const Title = level === 2 ? "h2" : "h3";
  return (
    <ul class="fr-grid-row fr-grid-row--gutters fr-raw-list">
      {cards.map((c) => (
        <li class="fr-col-12 fr-col-md-6">
          <div class="fr-card fr-enlarge-link">
            <div class="fr-card__body">
              <div class="fr-card__content">
                <Title class="fr-card__title">
                  <a href={c.href}>{c.title}</a>
                </Title>
                {c.desc ? <p class="fr-card__desc">{c.desc}</p> : null}
                {c.start ? <div class="fr-card__start">{c.start}</div> : null}
                {c.end ? <div class="fr-card__end">{c.end}</div> : null}
              </div>
            </div>
          </div>
        </li>
      ))}
    </ul>
  );
}
