/**
 * The document behind the /documents/:id/… routes of versions and comments, with the caller's
 * right to `action` in its space, as the policy module decides it (trashed documents: 404).
 */
import type { SpaceAction } from "@atelier/shared";
import type { Context } from "hono";
import type { AppEnv, Services } from "../context.js";
import { authorizeDocument, requireActor } from "../policy/index.js";

export async function documentFor(s: Services, c: Context<AppEnv>, action: SpaceAction) {
  const { actor, row, found, facts } = await authorizeDocument(s.db, requireActor(c.get("user")), c.req.param("id") ?? "", action);
  return { actor, user: c.get("user")!, document: row, found, facts };
}
