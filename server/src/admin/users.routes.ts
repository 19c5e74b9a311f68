/** Accounts and their memberships, as an admin manages them. */
import { AdminUsersQuery, CreateUserBody, SetMembershipBody, UpdateUserBody, type AdminUser } from "@atelier/shared";
import { Hono } from "hono";
import { invalidateUserSessions } from "../auth/sessions.js";
import type { AppEnv, Services } from "../context.js";
import type { Queryable } from "../db/index.js";
import { conflict, notFound, refuseDuplicate } from "../http/errors.js";
import { sendInvitation } from "../invitations/service.js";
import { readJson, readQuery } from "../http/validate.js";
import { assertNotSolePilote, isUuid, keepOnePilote, requireActor } from "../policy/index.js";
import { adminAudit, auditMembership } from "./audit.js";
import { eraseAccount } from "./erase.js";
import { requirePlatform } from "./guard.js";
import { deleteMembership, upsertMembership } from "./memberships.queries.js";
import { existingSpace } from "./spaces.queries.js";
import { emailTaken, getUser, insertUser, listUsers, lockForAdminChange } from "./users.queries.js";

const USER_NOT_FOUND = "Ce compte n'existe pas.";

/** The user after a change, read in the same transaction. */
async function reread(q: Queryable, id: string): Promise<AdminUser> {
  const user = await getUser(q, id);
  if (!user) throw notFound(USER_NOT_FOUND);
  return user;
}

/** Locks the target account (and the active admins) for a change of role or status. */
async function lockTarget(q: Queryable, id: string) {
  const locked = isUuid(id) ? await lockForAdminChange(q, id) : null;
  if (!locked?.user) throw notFound(USER_NOT_FOUND);
  return { target: locked.user, activeAdmins: locked.activeAdmins };
}

/** An erased account is not changed again: giving it back a name or an access would undo the erasure. */
async function refuseErased(q: Queryable, id: string): Promise<void> {
  const [row] = await q.query<{ erased: boolean }>("SELECT erased_at IS NOT NULL AS erased FROM users WHERE id = $1", [id]);
  if (row?.erased) throw conflict("erased", "Les données de ce compte ont été effacées : il ne peut plus être modifié ni réactivé.");
}

async function userExists(q: Queryable, id: string): Promise<void> {
  if (!isUuid(id) || (await q.query("SELECT 1 FROM users WHERE id = $1", [id])).length === 0) {
    throw notFound(USER_NOT_FOUND);
  }
  await refuseErased(q, id);
}

export function adminUserRoutes(s: Services) {
  const app = new Hono<AppEnv>();
  app.use("*", requirePlatform("admin.users"));

  app.get("/", async (c) => c.json(await listUsers(s.db, readQuery(c, AdminUsersQuery))));

  app.get("/:id", async (c) => {
    const id = c.req.param("id");
    const user = isUuid(id) ? await getUser(s.db, id) : null;
    if (!user) throw notFound(USER_NOT_FOUND);
    return c.json({ user });
  });

  app.post("/", async (c) => {
    const actor = requireActor(c.get("user"));
    const body = await readJson(c, CreateUserBody);
    const audit = adminAudit(c, s);
    const taken = () => conflict("email_taken", `Un compte existe déjà avec l'adresse ${body.email}.`);
    const { user, invitation } = await s.db.tx(async (q) => {
      if (await emailTaken(q, body.email)) throw taken();
      if (body.membership) await existingSpace(q, body.membership.spaceId);
      const id = await refuseDuplicate(insertUser(q, body), taken);
      await audit(q, { kind: "user.created", target: { type: "user", id }, details: { email: body.email, platformRole: body.platformRole } });
      if (body.membership) {
        const { spaceId, role } = body.membership;
        await auditMembership(audit, q, { userId: id, spaceId, role, previousRole: await upsertMembership(q, id, spaceId, role) });
      }
      // The account has no password yet: the invitation's link lets the person choose one.
      const invitation = await sendInvitation(s, q, {
        email: body.email,
        spaceId: body.membership?.spaceId ?? null,
        role: body.membership?.role ?? null,
        invitedBy: actor.id,
        firstName: body.firstName,
        lastName: body.lastName,
        organisation: body.organisation,
      });
      return { user: await reread(q, id), invitation };
    });
    await invitation.deliver();
    return c.json({ user }, 201);
  });

  app.patch("/:id", async (c) => {
    const actor = requireActor(c.get("user"));
    const id = c.req.param("id");
    const body = await readJson(c, UpdateUserBody);
    const audit = adminAudit(c, s);
    const { user, roleChanged } = await s.db.tx(async (q) => {
      const { target, activeAdmins } = await lockTarget(q, id);
      await refuseErased(q, id);
      const before = await reread(q, id);
      const roleChanged = body.platformRole !== undefined && body.platformRole !== target.platform_role;
      if (roleChanged && target.platform_role === "admin") {
        if (id === actor.id) {
          throw conflict("self_demotion", "Vous ne pouvez pas retirer votre propre rôle d'administrateur.");
        }
        if (target.active && activeAdmins <= 1) {
          throw conflict("last_admin", "C'est le dernier administrateur actif : nommez-en un autre avant de changer son rôle.");
        }
      }
      await q.query(
        `UPDATE users SET first_name = COALESCE($2, first_name), last_name = COALESCE($3, last_name),
                organisation = COALESCE($4, organisation),
                platform_role = CASE WHEN $5 THEN $6 ELSE platform_role END
          WHERE id = $1`,
        [id, body.firstName ?? null, body.lastName ?? null, body.organisation ?? null, body.platformRole !== undefined, body.platformRole ?? null],
      );
      const edited = (["firstName", "lastName", "organisation"] as const).filter((f) => body[f] !== undefined && body[f] !== before[f]);
      if (edited.length) await audit(q, { kind: "user.updated", target: { type: "user", id }, details: { fields: edited } });
      if (roleChanged) {
        await audit(q, {
          kind: "user.platform_role_changed",
          target: { type: "user", id },
          details: { from: target.platform_role, to: body.platformRole },
        });
      }
      return { user: await reread(q, id), roleChanged };
    });
    if (roleChanged) await s.bus.accessChanged({ kind: "user", userId: id });
    return c.json({ user });
  });

  app.post("/:id/deactivate", async (c) => {
    const actor = requireActor(c.get("user"));
    const id = c.req.param("id");
    const audit = adminAudit(c, s);
    const user = await s.db.tx(async (q) => {
      const { target, activeAdmins } = await lockTarget(q, id);
      if (id === actor.id) throw conflict("self_deactivation", "Vous ne pouvez pas désactiver votre propre compte.");
      // Reachable when two admins deactivate each other at once: the second one to commit is refused.
      if (target.platform_role === "admin" && target.active && activeAdmins <= 1) {
        throw conflict("last_admin", "C'est le dernier administrateur actif : il ne peut pas être désactivé.");
      }
      if (target.active) await assertNotSolePilote(q, id);
      await q.query("UPDATE users SET active = false WHERE id = $1", [id]);
      if (target.active) await audit(q, { kind: "user.deactivated", target: { type: "user", id } });
      // Every session ends now: the next request with an old cookie answers 401.
      await invalidateUserSessions(q, id);
      return reread(q, id);
    });
    await s.bus.accessChanged({ kind: "user", userId: id });
    return c.json({ user });
  });

  app.post("/:id/reactivate", async (c) => {
    const id = c.req.param("id");
    const audit = adminAudit(c, s);
    const user = await s.db.tx(async (q) => {
      const { target } = await lockTarget(q, id);
      await refuseErased(q, id);
      await q.query("UPDATE users SET active = true WHERE id = $1", [id]);
      if (!target.active) await audit(q, { kind: "user.reactivated", target: { type: "user", id } });
      return reread(q, id);
    });
    return c.json({ user });
  });

  // At the person's request (RGPD): their sessions and sockets end on every instance.
  app.post("/:id/erase", requirePlatform("admin.users.erase"), async (c) => {
    const actor = requireActor(c.get("user"));
    const id = c.req.param("id");
    const audit = adminAudit(c, s);
    const user = await s.db.tx(async (q) => {
      await eraseAccount(s, q, id, actor.id, audit);
      return reread(q, id);
    });
    await s.bus.accessChanged({ kind: "user", userId: id });
    return c.json({ user });
  });

  app.put("/:id/memberships/:spaceId", async (c) => {
    const { id, spaceId } = c.req.param();
    const { role } = await readJson(c, SetMembershipBody);
    const audit = adminAudit(c, s);
    const user = await s.db.tx(async (q) => {
      await userExists(q, id);
      await existingSpace(q, spaceId);
      await keepOnePilote(q, spaceId, id, role);
      await auditMembership(audit, q, { userId: id, spaceId, role, previousRole: await upsertMembership(q, id, spaceId, role) });
      return reread(q, id);
    });
    await s.bus.accessChanged({ kind: "membership", userId: id, spaceId });
    return c.json({ user });
  });

  app.delete("/:id/memberships/:spaceId", async (c) => {
    const { id, spaceId } = c.req.param();
    const audit = adminAudit(c, s);
    const user = await s.db.tx(async (q) => {
      await userExists(q, id);
      await existingSpace(q, spaceId);
      await keepOnePilote(q, spaceId, id, null);
      const role = await deleteMembership(q, id, spaceId);
      if (!role) throw notFound("Cette personne n'est pas membre de cet espace.");
      await audit(q, { kind: "membership.removed", spaceId, target: { type: "user", id }, details: { role } });
      return reread(q, id);
    });
    await s.bus.accessChanged({ kind: "membership", userId: id, spaceId });
    return c.json({ user });
  });

  return app;
}
