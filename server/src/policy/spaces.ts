/** Access to a space: the standing of the actor there, and the shared rules. */
import { canInSpace, type SpaceAction } from "@atelier/shared";
import type { Queryable } from "../db/index.js";
import { forbidden, notFound } from "../http/errors.js";
import { standingInSpace, type Actor, type SpaceWithStanding } from "./standing.js";

/** Whether the actor may take `action` in the space; false also when the space does not exist. */
export async function canSpace(q: Queryable, actor: Actor, action: SpaceAction, spaceId: string): Promise<boolean> {
  const found = await standingInSpace(q, actor, spaceId);
  return !!found && canInSpace(found.standing, action, found.space.archived_at !== null);
}

/** Throws unless the actor may take `action` in the space; returns the space and the standing. */
export async function authorizeSpace(
  q: Queryable,
  actor: Actor,
  action: SpaceAction,
  spaceId: string,
): Promise<SpaceWithStanding> {
  const found = await standingInSpace(q, actor, spaceId);
  if (!found) throw notFound("Cet espace n'existe pas.");
  const archived = found.space.archived_at !== null;
  if (!canInSpace(found.standing, "space.read", archived)) throw forbidden();
  if (!canInSpace(found.standing, action, archived)) {
    throw forbidden(archived ? "Cet espace est archivé : il ne peut plus être modifié." : "Votre rôle ne permet pas cette action.");
  }
  return found;
}

/** Readers of the space among these users (active accounts only), as the rules decide for each. */
export async function spaceReaders(q: Queryable, userIds: string[], spaceId: string): Promise<string[]> {
  if (userIds.length === 0) return [];
  const users = await q.query<{ id: string; platform_role: Actor["platformRole"] }>(
    "SELECT id, platform_role FROM users WHERE id = ANY($1::uuid[]) AND active",
    [userIds],
  );
  const readers: string[] = [];
  for (const u of users) {
    if (await canSpace(q, { id: u.id, platformRole: u.platform_role }, "space.read", spaceId)) readers.push(u.id);
  }
  return readers;
}
