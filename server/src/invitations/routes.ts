/**
 * Invitations into a space, sent by its managers (pilotes, admins), and their acceptance by the
 * invitee from the mailed link. Mounted at the API's root: the routes span /spaces and /invitations.
 */
import { AcceptInvitationBody, InviteBody, type AcceptInvitationReply, type InviteReply } from "@atelier/shared";
import { Hono } from "hono";
import { recordAudit } from "../audit/record.js";
import { setSessionCookie } from "../auth/middleware.js";
import { hashPassword } from "../auth/passwords.js";
import { createSession, invalidateUserSessions, toSessionUser, USER_COLUMNS, type UserRow } from "../auth/sessions.js";
import type { AppEnv, Services } from "../context.js";
import { conflict, notFound } from "../http/errors.js";
import { readJson } from "../http/validate.js";
import { authorizeSpace, isUuid, requireActor, signInRefusal } from "../policy/index.js";
import { acceptAllFor, listPendingInvitations, liveInvitation, revokeInvitation, toPreview } from "./queries.js";
import { sendInvitation } from "./service.js";

export function invitationRoutes(s: Services) {
  const app = new Hono<AppEnv>();

  app.post("/spaces/:spaceId/invitations", async (c) => {
    const actor = requireActor(c.get("user"));
    const { space } = await authorizeSpace(s.db, actor, "space.manageMembers", c.req.param("spaceId"));
    const body = await readJson(c, InviteBody);
    const result = await s.db.tx((q) =>
      sendInvitation(s, q, { ...body, spaceId: space.id, invitedBy: actor.id }),
    );
    await result.deliver();
    if (result.outcome === "added") await s.bus.accessChanged({ kind: "membership", userId: result.userId!, spaceId: space.id });
    // The same answer whatever happened: the inviter learns nothing about the address.
    return c.json<InviteReply>({ email: body.email, role: body.role, spaceId: space.id }, 201);
  });

  app.get("/spaces/:spaceId/invitations", async (c) => {
    const actor = requireActor(c.get("user"));
    const { space } = await authorizeSpace(s.db, actor, "space.manageMembers", c.req.param("spaceId"));
    return c.json({ invitations: await listPendingInvitations(s.db, space.id) });
  });

  app.delete("/spaces/:spaceId/invitations/:id", async (c) => {
    const actor = requireActor(c.get("user"));
    const { space } = await authorizeSpace(s.db, actor, "space.manageMembers", c.req.param("spaceId"));
    const id = c.req.param("id");
    if (!isUuid(id) || !(await revokeInvitation(s.db, space.id, id))) {
      throw notFound("Cette invitation n'existe pas ou n'est plus en attente.");
    }
    return c.body(null, 204);
  });

  app.get("/invitations/:token", async (c) => c.json(toPreview(await liveInvitation(s.db, c.req.param("token")))));

  app.post("/invitations/:token/accept", async (c) => {
    const token = c.req.param("token");
    await liveInvitation(s.db, token); // a dead link says so before the form's content is judged
    const body = await readJson(c, AcceptInvitationBody);
    const passwordHash = await hashPassword(body.password);
    const { user, spaceId, joined, sessionToken } = await s.db.tx(async (q) => {
      // One acceptance at a time per address: its links and its account change together, and two
      // links of one person opened at once neither deadlock nor create the account twice.
      const { email } = await liveInvitation(q, token);
      await q.query("SELECT pg_advisory_xact_lock(727002, hashtext($1))", [email]);
      const invitation = await liveInvitation(q, token, true);
      await q.query("INSERT INTO users (id, email) VALUES ($1, $2) ON CONFLICT (email) DO NOTHING", [
        crypto.randomUUID(),
        invitation.email,
      ]);
      const [account] = await q.query<{ id: string; active: boolean; has_password: boolean }>(
        "SELECT id, active, password_hash IS NOT NULL AS has_password FROM users WHERE email = $1 FOR UPDATE",
        [invitation.email],
      );
      if (!account!.active) {
        throw conflict("account_inactive", "Ce compte a été désactivé : adressez-vous à l'administrateur d'Atelier.");
      }
      const userId = account!.id;
      await q.query(
        `UPDATE users SET password_hash = $2, first_name = $3, last_name = $4,
                organisation = CASE WHEN organisation = '' THEN $5 ELSE organisation END
          WHERE id = $1`,
        [userId, passwordHash, body.firstName, body.lastName, invitation.organisation],
      );
      // The link proves the address as a reset link would: a password the account already had is
      // replaced, and every session opened with it ends.
      if (account!.has_password) await invalidateUserSessions(q, userId);
      const joined = await acceptAllFor(q, invitation.email, userId);
      // A committee that requires ProConnect is joined through it: nothing of this acceptance stays.
      const refusal = await signInRefusal(q, userId, "password");
      if (refusal) throw refusal;
      await recordAudit(q, {
        kind: "invitation.accepted",
        actor: { id: userId, email: invitation.email },
        spaceId: invitation.space_id,
        target: { type: "invitation", id: invitation.id },
        details: { spaces: joined.map((j) => j.spaceId) },
      });
      const { token: sessionToken } = await createSession(q, userId);
      const [user] = await q.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users u WHERE u.id = $1`, [userId]);
      return { user: toSessionUser(user!), spaceId: invitation.space_id, joined, sessionToken };
    });
    setSessionCookie(c, s, sessionToken);
    for (const j of joined) await s.bus.accessChanged({ kind: "membership", userId: user.id, spaceId: j.spaceId });
    return c.json<AcceptInvitationReply>({ spaceId, user });
  });

  return app;
}
