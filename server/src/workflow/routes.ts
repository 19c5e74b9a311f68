/**
 * The workflow of a livrable, diagnostic or synthèse: its status, its history, and the moves
 * the shared TRANSITIONS table allows, each by the people its policy action names.
 */
import {
  canInSpace,
  ChangeStatusBody,
  DOCUMENT_STATUS_LABELS,
  DOCUMENT_KIND_LABELS,
  findTransition,
  followsWorkflow,
  isFrozen,
  transitionsFrom,
  type DocumentStatus,
  type DocumentStatusReply,
} from "@atelier/shared";
import { Hono, type Context } from "hono";
import { recordAudit } from "../audit/record.js";
import type { AppEnv, Services } from "../context.js";
import type { Queryable } from "../db/index.js";
import type { DocumentRow } from "../documents/queries.js";
import { clientAddress } from "../http/client-address.js";
import { badRequest, conflict } from "../http/errors.js";
import { readJson } from "../http/validate.js";
import { deliverImmediate, notify } from "../notifications/notify.js";
import { authorizeDocument, authorizeSpace, requireActor, type SpaceWithStanding } from "../policy/index.js";
import { freezeVersion } from "./freeze.js";
import { currentStatus, recordChange, spaceMemberIds, statusHistory } from "./queries.js";
import { quote, summaryOf } from "./summary.js";

async function statusReply(q: Queryable, row: DocumentRow, found: SpaceWithStanding): Promise<DocumentStatusReply> {
  const { status, changedAt } = await currentStatus(q, row.id);
  const archived = found.space.archived_at !== null;
  const workflow = followsWorkflow(row.kind);
  return {
    documentId: row.id,
    followsWorkflow: workflow,
    status,
    changedAt,
    history: await statusHistory(q, row.id),
    allowed: workflow
      ? transitionsFrom(status)
          .filter((t) => canInSpace(found.standing, t.action, archived))
          .map((t) => ({ to: t.to, label: t.label, commentRequired: t.commentRequired, commentLabel: t.commentLabel }))
      : [],
  };
}

function refuseTransition(from: DocumentStatus, to: DocumentStatus): never {
  const allowed = transitionsFrom(from).map((t) => ({ to: t.to, label: DOCUMENT_STATUS_LABELS[t.to] }));
  const next = allowed.length ? `les statuts possibles sont : ${allowed.map((a) => quote(a.to)).join(", ")}` : "aucun changement n'est possible";
  throw conflict("illegal_transition", `Passage impossible de ${quote(from)} à ${quote(to)}. Depuis ${quote(from)}, ${next}.`, {
    from,
    to,
    allowed,
  });
}

export function workflowRoutes(s: Services) {
  const app = new Hono<AppEnv>();

  /** A live document the caller can read (the policy's document check; trashed: 404). */
  const readableDocument = (c: Context<AppEnv>) =>
    authorizeDocument(s.db, requireActor(c.get("user")), c.req.param("id")!, "space.read");

  app.get("/documents/:id/status", async (c) => {
    const { row, found } = await readableDocument(c);
    return c.json(await statusReply(s.db, row, found));
  });

  app.post("/documents/:id/status", async (c) => {
    const { actor, row, found } = await readableDocument(c);
    const body = await readJson(c, ChangeStatusBody);
    if (!followsWorkflow(row.kind)) {
      throw conflict(
        "no_workflow",
        `Un document de type « ${DOCUMENT_KIND_LABELS[row.kind]} » ne suit pas le circuit de validation : seuls les livrables, diagnostics et synthèses en changent.`,
      );
    }
    const user = c.get("user")!;
    const actorName = `${user.firstName} ${user.lastName}`.trim() || user.email;
    const comment = body.comment ?? "";
    const from = await s.db.tx(async (q) => {
      const { status: from } = await currentStatus(q, row.id, true);
      const transition = findTransition(from, body.to);
      if (!transition) refuseTransition(from, body.to);
      await authorizeSpace(q, actor, transition.action, row.space_id);
      if (transition.commentRequired && !comment) {
        throw badRequest("comment_required", `Le champ « ${transition.commentLabel} » est obligatoire.`);
      }
      await recordChange(q, { documentId: row.id, from, to: body.to, comment, actorId: actor.id });
      await s.bus.emit(q, "documentChanged", { documentId: row.id });
      await recordAudit(q, {
        kind: "document.status_changed",
        actor: { id: actor.id, email: user.email },
        spaceId: row.space_id,
        target: { type: "document", id: row.id },
        details: { title: row.title, from, to: body.to, ...(comment ? { comment } : {}) },
        address: clientAddress(c, s.config.TRUST_PROXY),
      });
      if (transition.freezesVersion) await freezeVersion(s, q, { documentId: row.id, status: body.to, actorId: actor.id, comment });
      await notify(s, q, {
        kind: "status",
        recipients: await spaceMemberIds(q, row.space_id),
        documentId: row.id,
        spaceId: row.space_id,
        actor: { id: actor.id },
        summary: summaryOf(row, actorName, body.to, comment),
      });
      return from;
    });
    // Frozen or reopened: the open sockets are checked again, and switch to read-only or back at once.
    if (isFrozen(from) !== isFrozen(body.to)) await s.bus.accessChanged({ kind: "space", spaceId: row.space_id });
    await deliverImmediate(s);
    return c.json(await statusReply(s.db, row, found));
  });

  return app;
}
