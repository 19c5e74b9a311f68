/**
 * "Demander l'accès": someone who cannot read a space asks its managers for a role. The asker
 * learns nothing of the space they did not already have (its link); the managers decide, and the
 * asker is told by mail; both also hear of it in the bell (the bus tells the notifications). Mounted at the API's root: the routes span /spaces and /access-requests.
 */
import {
  AccessRequestBody,
  canInSpace,
  DeclineAccessBody,
  GrantAccessBody,
  type AccessRequestReply,
  type Member,
} from "@atelier/shared";
import type { Context } from "hono";
import { Hono } from "hono";
import { recordAudit } from "../audit/record.js";
import type { AppEnv, Services } from "../context.js";
import type { Queryable } from "../db/index.js";
import { conflict, notFound } from "../http/errors.js";
import { readJson } from "../http/validate.js";
import { spaceLink } from "../mail/links.js";
import type { Mail } from "../mail/mailer.js";
import { accessDeclinedMail, accessGrantedMail, accessRequestedMail } from "../mail/templates.js";
import { getMember, grantMembership } from "../members/queries.js";
import { authorizeSpace, isUuid, reachableSpaces, requireActor, standingInSpace } from "../policy/index.js";
import type { AccessRequestEvent } from "../events/bus.js";
import { decide, getRequest, insertRequest, pendingRequests, requestRecipients, type RequestRow } from "./queries.js";

const SENT =
  "Votre demande a été transmise aux responsables de cet espace. Vous recevrez un courriel lorsqu'elle aura été traitée.";
const NO_SUCH_REQUEST = "Cette demande d'accès n'existe pas.";

const decided = (request: RequestRow, decision: "granted" | "declined"): AccessRequestEvent => ({
  kind: "decided",
  requestId: request.id,
  space: { id: request.space_id, name: request.space_name },
  requesterId: request.user_id,
  decision,
});

export function accessRequestRoutes(s: Services) {
  const app = new Hono<AppEnv>();

  app.post("/spaces/:spaceId/access-requests", async (c) => {
    const actor = requireActor(c.get("user"));
    const found = await standingInSpace(s.db, actor, c.req.param("spaceId"));
    if (!found) throw notFound("Cet espace n'existe pas.");
    if (canInSpace(found.standing, "space.read", found.space.archived_at !== null)) {
      throw conflict("already_reader", "Vous avez déjà accès à cet espace.");
    }
    const { message } = await readJson(c, AccessRequestBody);
    const user = c.get("user")!;
    const mails = await s.db.tx(async (q): Promise<Mail[]> => {
      // A second request while one is pending is answered alike, and nobody is mailed twice.
      const requestId = await insertRequest(q, found.space.id, actor.id, message);
      if (!requestId) return [];
      const recipients = await requestRecipients(q, found.space.id, found.space.archived_at !== null);
      const requester = `${user.firstName} ${user.lastName}`.trim() || user.email;
      const space = { id: found.space.id, name: found.space.name };
      await s.bus.emit(q, "accessRequest", { kind: "requested", requestId, space, requester: { id: actor.id, name: requester }, deciders: recipients.ids });
      const content = accessRequestedMail({
        requester,
        requesterEmail: user.email,
        spaceName: found.space.name,
        message,
        link: spaceLink(s.config, found.space.id),
        toAdmins: recipients.admins,
      });
      return recipients.emails.map((to) => ({ to, ...content }));
    });
    for (const mail of mails) await s.mailer.send(mail);
    // Says nothing of the space: neither its name nor who manages it.
    return c.json<AccessRequestReply>({ message: SENT }, 202);
  });

  app.get("/spaces/:spaceId/access-requests", async (c) => {
    const actor = requireActor(c.get("user"));
    const { space } = await authorizeSpace(s.db, actor, "space.manageMembers", c.req.param("spaceId"));
    return c.json({ requests: await pendingRequests(s.db, [space.id]) });
  });

  /** Every pending request in the spaces I manage, for the badge in the app's header. */
  app.get("/access-requests", async (c) => {
    const actor = requireActor(c.get("user"));
    const managed = (await reachableSpaces(s.db, actor))
      .filter(({ space, standing }) => canInSpace(standing, "space.manageMembers", space.archived_at !== null))
      .map(({ space }) => space.id);
    return c.json({ requests: await pendingRequests(s.db, managed) });
  });

  /** The request named in the URL, once the caller is known to manage its space. */
  async function managedRequest(c: Context<AppEnv>) {
    const actor = requireActor(c.get("user"));
    const id = c.req.param("id")!;
    const request = isUuid(id) ? await getRequest(s.db, id) : null;
    if (!request) throw notFound(NO_SUCH_REQUEST);
    await authorizeSpace(s.db, actor, "space.manageMembers", request.space_id);
    return { actor, request };
  }

  /** Locks the request and refuses one already decided. */
  async function lockPending(q: Queryable, id: string) {
    const request = await getRequest(q, id, true);
    if (!request) throw notFound(NO_SUCH_REQUEST);
    if (request.status !== "pending") {
      throw conflict("already_decided", "Cette demande a déjà été traitée.");
    }
    return request;
  }

  app.post("/access-requests/:id/grant", async (c) => {
    const { actor, request } = await managedRequest(c);
    const { role } = await readJson(c, GrantAccessBody);
    const member = await s.db.tx(async (q): Promise<Member> => {
      await lockPending(q, request.id);
      // Someone invited in the meantime keeps the role they were given.
      const granted = await grantMembership(q, request.user_id, request.space_id, role);
      await decide(q, request.id, { status: "granted", role, by: actor.id });
      await recordAudit(q, {
        kind: "access_request.decided",
        actor: { id: actor.id, email: c.get("user")!.email },
        spaceId: request.space_id,
        target: { type: "user", id: request.user_id },
        details: { decision: "granted", role, requestId: request.id, membershipAdded: granted },
      });
      await s.bus.emit(q, "accessRequest", decided(request, "granted"));
      return (await getMember(q, request.space_id, request.user_id))!;
    });
    await s.bus.accessChanged({ kind: "membership", userId: request.user_id, spaceId: request.space_id });
    await s.mailer.send({
      to: request.email,
      ...accessGrantedMail({
        firstName: request.first_name,
        spaceName: request.space_name,
        role: member.role,
        link: spaceLink(s.config, request.space_id),
      }),
    });
    return c.json({ member });
  });

  app.post("/access-requests/:id/decline", async (c) => {
    const { actor, request } = await managedRequest(c);
    const { reason } = await readJson(c, DeclineAccessBody);
    await s.db.tx(async (q) => {
      await lockPending(q, request.id);
      await decide(q, request.id, { status: "declined", role: null, by: actor.id });
      await recordAudit(q, {
        kind: "access_request.decided",
        actor: { id: actor.id, email: c.get("user")!.email },
        spaceId: request.space_id,
        target: { type: "user", id: request.user_id },
        details: { decision: "declined", requestId: request.id },
      });
      await s.bus.emit(q, "accessRequest", decided(request, "declined"));
    });
    await s.mailer.send({
      to: request.email,
      ...accessDeclinedMail({ firstName: request.first_name, reason: reason ?? "", link: spaceLink(s.config, request.space_id) }),
    });
    return c.body(null, 204);
  });

  return app;
}
