/**
 * A space always keeps an active pilote: nobody, an admin included, removes or demotes the last one.
 * Its memberships are locked so that two people acting at once cannot leave it without one.
 */
import type { SpaceRole } from "@atelier/shared";
import type { Queryable } from "../db/index.js";
import { conflict } from "../http/errors.js";

/**
 * Locks the space's memberships and refuses (409) a change that would leave it without an active
 * pilote. Returns the person's current role there (null when not a member).
 */
export async function keepOnePilote(q: Queryable, spaceId: string, userId: string, newRole: SpaceRole | null): Promise<SpaceRole | null> {
  const rows = await q.query<{ user_id: string; role: SpaceRole; active: boolean }>(
    `SELECT m.user_id, m.role, u.active FROM memberships m JOIN users u ON u.id = m.user_id
      WHERE m.space_id = $1 ORDER BY m.user_id FOR UPDATE OF m`,
    [spaceId],
  );
  const target = rows.find((r) => r.user_id === userId);
  // A deactivated pilote manages nothing: only active ones count.
  const pilotes = rows.filter((r) => r.role === "pilote" && r.active).length;
  if (target?.role === "pilote" && target.active && newRole !== "pilote" && pilotes <= 1) {
    throw conflict(
      "last_pilote",
      newRole
        ? "C'est le dernier pilote de cet espace : nommez un autre pilote avant de changer son rôle."
        : "C'est le dernier pilote de cet espace : nommez un autre pilote avant de le retirer.",
    );
  }
  return target?.role ?? null;
}

/** Refuses (409) to deactivate an account that is the only active pilote of a space. */
export async function assertNotSolePilote(q: Queryable, userId: string): Promise<void> {
  const spaces = await q.query<{ name: string }>(
    `SELECT s.name FROM memberships m JOIN spaces s ON s.id = m.space_id
      WHERE m.user_id = $1 AND m.role = 'pilote'
        AND NOT EXISTS (SELECT 1 FROM memberships o JOIN users ou ON ou.id = o.user_id
                         WHERE o.space_id = m.space_id AND o.role = 'pilote' AND ou.active AND o.user_id <> m.user_id)
      ORDER BY s.name FOR UPDATE OF m`,
    [userId],
  );
  if (spaces.length > 0) {
    throw conflict(
      "last_pilote",
      `C'est le dernier pilote de ${spaces.map((s) => `« ${s.name} »`).join(", ")} : nommez un autre pilote avant de désactiver ce compte.`,
    );
  }
}
