/**
 * The one place that decides access. Routes, the collaboration socket and downloads call
 * these functions; the rules themselves are the shared, declarative ones in @atelier/shared.
 *
 * A space that does not exist is a 404; a space the person cannot read is a 403 that names
 * nothing of it; a space they read but where the action is not theirs is a 403 too.
 */
import { canInSpace, canOnPlatform, type PlatformAction, type SpaceAction } from "@atelier/shared";
import type { Queryable } from "../db/index.js";
import { forbidden, notFound, unauthorized } from "../http/errors.js";
import type { SessionUser } from "../auth/sessions.js";
import { standingInSpace, type Actor, type SpaceWithStanding } from "./standing.js";

export { neighbourSpaces, reachableSpaces, standingInSpace, isUuid, type Actor, type SpaceRow, type SpaceWithStanding } from "./standing.js";

export function requireActor(user: SessionUser | null): Actor {
  if (!user) throw unauthorized();
  return { id: user.id, platformRole: user.platformRole };
}

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

export function authorizePlatform(actor: Actor, action: PlatformAction): void {
  if (!canOnPlatform(actor.platformRole, action)) throw forbidden();
}

export { authorizeDocument, canDocument } from "./documents.js";
export { assertNotSolePilote, keepOnePilote } from "./pilotes.js";
export { searchScope, type SearchScope } from "./search.js";
