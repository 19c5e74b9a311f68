/**
 * The document behind /documents/:id/… routes of versions and comments, with the caller's right
 * to `action` in its space decided by the policy module. Unknown or trashed: 404.
 */
import type { SpaceAction } from "@atelier/shared";
import type { Context } from "hono";
import type { AppEnv, Services } from "../context.js";
import { findDocument } from "../documents/queries.js";
import { notFound } from "../http/errors.js";
import { authorizeSpace, isUuid, requireActor } from "../policy/index.js";

export async function documentFor(s: Services, c: Context<AppEnv>, action: SpaceAction) {
  const actor = requireActor(c.get("user"));
  const id = c.req.param("id") ?? "";
  const row = isUuid(id) ? await findDocument(s.db, id) : null;
  if (!row) throw notFound("Ce document n'existe pas.");
  // Reading first, so that a space out of reach is a 403 naming nothing.
  await authorizeSpace(s.db, actor, "space.read", row.space_id);
  if (row.trashed_at) throw notFound("Ce document est dans la corbeille : restaurez-le d'abord.");
  const found = await authorizeSpace(s.db, actor, action, row.space_id);
  return { actor, user: c.get("user")!, document: row, found };
}
