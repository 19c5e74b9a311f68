/** Spaces as the administration sees them: every one, archived or not, with its member count. */
import { SPACE_LEVEL_LABELS, type AdminSpace, type SpaceLevel } from "@atelier/shared";
import type { Queryable } from "../db/index.js";
import { badRequest, conflict, notFound } from "../http/errors.js";
import { isUuid, type SpaceRow } from "../policy/index.js";

/** The programme's shape: the level a space's parent must have (none for the national COPIL). */
const PARENT_LEVEL: Record<SpaceLevel, SpaceLevel | null> = {
  national: null,
  territorial: "national",
  regional: "territorial",
};

const ADMIN_SPACE_SQL = `
  SELECT s.id, s.slug, s.name, s.level, s.parent_id, s.description, s.themes, s.archived_at IS NOT NULL AS archived, s.proconnect_required,
         (SELECT count(*)::int FROM memberships m JOIN users u ON u.id = m.user_id
           WHERE m.space_id = s.id AND u.active) AS member_count
    FROM spaces s`;

type AdminSpaceRow = Omit<SpaceRow, "archived_at"> & { archived: boolean; member_count: number; proconnect_required: boolean };

const toAdminSpace = (r: AdminSpaceRow): AdminSpace => ({
  id: r.id,
  slug: r.slug,
  name: r.name,
  level: r.level,
  parentId: r.parent_id,
  description: r.description,
  themes: r.themes,
  archived: r.archived,
  memberCount: r.member_count,
  proconnectRequired: r.proconnect_required,
});

export async function listAdminSpaces(q: Queryable): Promise<AdminSpace[]> {
  const rows = await q.query<AdminSpaceRow>(
    `${ADMIN_SPACE_SQL} ORDER BY array_position(ARRAY['national','territorial','regional'], s.level), s.name`,
  );
  return rows.map(toAdminSpace);
}

export async function getAdminSpace(q: Queryable, id: string): Promise<AdminSpace> {
  const [row] = await q.query<AdminSpaceRow>(`${ADMIN_SPACE_SQL} WHERE s.id = $1`, [id]);
  if (!row) throw notFound("Cet espace n'existe pas.");
  return toAdminSpace(row);
}

/** The space, locked for the rest of the transaction; 404 when no such space exists. */
export async function existingSpace(q: Queryable, id: string, what = "Cet espace"): Promise<SpaceRow> {
  const [row] = isUuid(id) ? await q.query<SpaceRow>("SELECT * FROM spaces WHERE id = $1 FOR UPDATE", [id]) : [];
  if (!row) throw notFound(`${what} n'existe pas.`);
  return row;
}

/**
 * Checks that a space of `level` may sit under `parentId`. Levels strictly descend
 * (national → territorial → regional), which also rules out any cycle.
 */
export async function checkParent(q: Queryable, level: SpaceLevel, parentId: string | null): Promise<void> {
  const wanted = PARENT_LEVEL[level];
  if (wanted === null) {
    if (parentId !== null) throw badRequest("invalid_parent", "Le COPIL national ne peut pas avoir d'espace parent.");
    return;
  }
  const article = level === "territorial" ? "Un COPIL territorial" : "Un COPIL régional";
  if (parentId === null) {
    throw badRequest("invalid_parent", `${article} doit être rattaché à un ${SPACE_LEVEL_LABELS[wanted]}.`);
  }
  const parent = await existingSpace(q, parentId, "L'espace parent");
  if (parent.level !== wanted) {
    throw badRequest(
      "invalid_parent",
      `${article} doit être rattaché à un ${SPACE_LEVEL_LABELS[wanted]}, pas à un ${SPACE_LEVEL_LABELS[parent.level]}.`,
    );
  }
  if (parent.archived_at !== null) {
    throw conflict("parent_archived", "L'espace parent est archivé : désarchivez-le ou choisissez-en un autre.");
  }
}

export async function slugTaken(q: Queryable, slug: string): Promise<boolean> {
  return (await q.query("SELECT 1 FROM spaces WHERE slug = $1", [slug])).length > 0;
}
