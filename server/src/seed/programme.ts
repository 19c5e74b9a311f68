/**
 * The programme's spaces as the EGTS documents describe them: the national COPIL, the nine
 * territorial COPILs and their regional COPILs, with their themes. Safe to run on any database:
 * it only adds what is missing.
 */
import { programme, slugify } from "@atelier/shared";
import type { Queryable } from "../db/index.js";

export const NATIONAL_SLUG = "copil-national";

async function upsertSpace(
  q: Queryable,
  s: { slug: string; name: string; level: string; parentId: string | null; description: string; themes: string[] },
): Promise<string> {
  const [row] = await q.query<{ id: string }>(
    `INSERT INTO spaces (id, slug, name, level, parent_id, description, themes)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (slug) DO UPDATE SET slug = EXCLUDED.slug
     RETURNING id`,
    [crypto.randomUUID(), s.slug, s.name, s.level, s.parentId, s.description, s.themes],
  );
  return row!.id;
}

export async function seedProgramme(q: Queryable): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const nationalId = await upsertSpace(q, {
    slug: NATIONAL_SLUG,
    name: programme.national.copil,
    level: "national",
    parentId: null,
    description: `${programme.national.copil}, ${programme.national.chairs}. ${programme.national.team} : ${programme.national.role}.`,
    themes: [],
  });
  ids.set(NATIONAL_SLUG, nationalId);
  for (const t of programme.territories) {
    const themes = t.themes.map((th) => th.theme);
    const territoryId = await upsertSpace(q, {
      slug: t.slug,
      name: `COPIL territorial ${t.name}`,
      level: "territorial",
      parentId: nationalId,
      description: t.lead ? `Chef de file : ${t.lead}.` : "",
      themes,
    });
    ids.set(t.slug, territoryId);
    for (const region of t.regions) {
      // Île-de-France is both a territory and its only region: the regional space gets its own slug.
      const slug = slugify(region) === t.slug ? `${t.slug}-region` : slugify(region);
      // A region works on the territory's themes that name it, or on all of them when none does.
      const named = t.themes.filter((th) => th.regions.includes(region)).map((th) => th.theme);
      ids.set(
        slug,
        await upsertSpace(q, {
          slug,
          name: `COPIL régional ${region}`,
          level: "regional",
          parentId: territoryId,
          description: `Comité de pilotage régional, territoire ${t.name}.`,
          themes: named.length ? named : themes,
        }),
      );
    }
  }
  return ids;
}
