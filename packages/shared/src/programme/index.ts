/**
 * The programme's organisation (territories, regions, themes, document kinds, fiche fields),
 * a copy of what the EGTS documents state, carried by the project for seeding.
 */
import egts from "./egts.json" with { type: "json" };

export const programme = egts;

export interface Theme {
  slug: string;
  name: string;
}
export const THEMES: Theme[] = [...egts.themes.transverse, ...egts.themes.policies];
export const THEME_SLUGS = THEMES.map((t) => t.slug);
export const themeName = (slug: string) => THEMES.find((t) => t.slug === slug)?.name ?? slug;

/** A URL-safe slug from a French name ("Provence-Alpes-Côte d'Azur" → "provence-alpes-cote-d-azur"). */
export function slugify(name: string): string {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}
