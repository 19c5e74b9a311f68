/**
 * A space's managers (its pilotes, admins) change members' roles and remove them. A space keeps
 * at least one active pilote unless an admin decides otherwise. Every change is announced on the
 * bus so that open collaboration sockets re-check the person's access.
 */
import { canOnPlatform, ChangeMemberRoleBody, type SpaceRole } from "@atelier/shared";
import { Hono } from "hono";
import { recordAudit } from "../audit/record.js";
import type { AppEnv, Services } from "../context.js";
import type { Queryable } from "../db/index.js";
import { conflict, notFound } from "../http/errors.js";
import { readJson } from "../http/validate.js";
import { authorizeSpace, isUuid, requireActor, type Actor } from "../policy/index.js";
import { getMember, lockMemberships } from "./queries.js";

const NOT_A_MEMBER = "Cette personne n'est pas membre de cet espace.";

/**
 * Locks the space's memberships and checks the change may happen: the person is a member, and
 * the space does not lose its last active pilote unless an admin is acting.
 */
async function lockForChange(q: Queryable, actor: Actor, spaceId: string, userId: string, newRole: SpaceRole | null) {
  const locked = isUuid(userId) ? await lockMemberships(q, spaceId, userId) : null;
  if (!locked?.role) throw notFound(NOT_A_MEMBER);
  const losesPilote = locked.role === "pilote" && locked.active && newRole !== "pilote";
  if (losesPilote && locked.pilotes <= 1 && !canOnPlatform(actor.platformRole, "admin.spaces")) {
    throw conflict(
      "last_pilote",
      newRole
        ? "C'est le dernier pilote de cet espace : nommez un autre pilote avant de changer son rôle."
        : "C'est le dernier pilote de cet espace : nommez un autre pilote avant de le retirer.",
    );
  }
  return locked.role;
}

export function memberRoutes(s: Services) {
  const app = new Hono<AppEnv>();

  app.patch("/:spaceId/members/:userId", async (c) => {
    const actor = requireActor(c.get("user"));
    const { space } = await authorizeSpace(s.db, actor, "space.manageMembers", c.req.param("spaceId"));
    const userId = c.req.param("userId");
    const { role } = await readJson(c, ChangeMemberRoleBody);
    const member = await s.db.tx(async (q) => {
      const previous = await lockForChange(q, actor, space.id, userId, role);
      if (previous !== role) {
        await q.query("UPDATE memberships SET role = $3 WHERE user_id = $1 AND space_id = $2", [userId, space.id, role]);
        await recordAudit(q, {
          kind: "membership.role_changed",
          actor: { id: actor.id, email: c.get("user")!.email },
          spaceId: space.id,
          target: { type: "user", id: userId },
          details: { from: previous, to: role },
        });
      }
      return (await getMember(q, space.id, userId))!;
    });
    await s.bus.accessChanged({ kind: "membership", userId, spaceId: space.id });
    return c.json({ member });
  });

  app.delete("/:spaceId/members/:userId", async (c) => {
    const actor = requireActor(c.get("user"));
    const { space } = await authorizeSpace(s.db, actor, "space.manageMembers", c.req.param("spaceId"));
    const userId = c.req.param("userId");
    await s.db.tx(async (q) => {
      const previous = await lockForChange(q, actor, space.id, userId, null);
      await q.query("DELETE FROM memberships WHERE user_id = $1 AND space_id = $2", [userId, space.id]);
      await recordAudit(q, {
        kind: "membership.removed",
        actor: { id: actor.id, email: c.get("user")!.email },
        spaceId: space.id,
        target: { type: "user", id: userId },
        details: { role: previous },
      });
    });
    await s.bus.accessChanged({ kind: "membership", userId, spaceId: space.id });
    return c.body(null, 204);
  });

  return app;
}
