/**
 * The workspace's side of the practices: a fiche pratique's publication on the site (its pilote
 * publishes, re-publishes to update, unpublishes), and the moderation queue of the public's
 * proposals in the territory's space (accept → a draft fiche pratique; refuse with a reason mailed).
 */
import { RefuseProposalBody, type PracticeProposal, type PracticePublication } from "@atelier/shared";
import { Hono } from "hono";
import type { AppEnv, Services } from "../context.js";
import { createDocument, type DocumentRow } from "../documents/queries.js";
import { HttpError } from "../http/errors.js";
import { readJson } from "../http/validate.js";
import { authorizeDocument, authorizeProposal, authorizeSpace, canDocument, requireActor, type Actor } from "../policy/index.js";
import { practicePath } from "./cards.js";
import { proposalContent, proposalTexts } from "./fiche.js";
import { acceptedMail, refusedMail } from "./mails.js";
import { currentConsent, publishPractice } from "./publication.js";
import { deletePractice, deleteProposal, practiceOfDocument, proposalById, queuedProposals, type ProposalRow } from "./queries.js";

function toProposal(p: ProposalRow): PracticeProposal {
  return {
    id: p.id,
    title: p.form.projet,
    fields: proposalTexts(p.form).map(({ label, text }) => ({ label, text })),
    author: { name: p.form.contact_nom, email: p.form.contact_email, role: p.form.contact_fonction },
    confirmedAt: p.confirmed_at!.toISOString(),
  };
}

export function practiceRoutes(s: Services) {
  const app = new Hono<AppEnv>();

  /** A fiche pratique the actor reads, with whether they may publish it. */
  async function fiche(actor: Actor, id: string, action: "space.read" | "practice.publish") {
    const { row } = await authorizeDocument(s.db, actor, id, action);
    if (row.kind !== "fiche-pratique") throw new HttpError(409, "not_a_practice", "Seule une fiche pratique inspirante peut être publiée sur le site.");
    return { row, canPublish: await canDocument(s.db, actor, "practice.publish", { id: row.id, spaceId: row.space_id }) };
  }

  async function publication(row: DocumentRow, canPublish: boolean): Promise<{ publication: PracticePublication }> {
    const p = await practiceOfDocument(s.db, row.id);
    return {
      publication: {
        published: !!p,
        url: p ? practicePath(p) : null,
        publishedAt: p?.published_at.toISOString() ?? null,
        consent: await currentConsent(s.db, row.id),
        canPublish,
      },
    };
  }

  app.get("/documents/:documentId/publication", async (c) => {
    const { row, canPublish } = await fiche(requireActor(c.get("user")), c.req.param("documentId"), "space.read");
    return c.json(await publication(row, canPublish));
  });

  // Publishes the fiche's fields as they are now; again, to update the page.
  app.post("/documents/:documentId/publication", async (c) => {
    const actor = requireActor(c.get("user"));
    const { row } = await fiche(actor, c.req.param("documentId"), "practice.publish");
    await s.db.tx((q) => publishPractice(q, row, actor.id));
    return c.json(await publication(row, true));
  });

  app.delete("/documents/:documentId/publication", async (c) => {
    const { row } = await fiche(requireActor(c.get("user")), c.req.param("documentId"), "practice.publish");
    await deletePractice(s.db, row.id);
    return c.json(await publication(row, true));
  });

  app.get("/spaces/:spaceId/practice-proposals", async (c) => {
    const actor = requireActor(c.get("user"));
    const { space } = await authorizeSpace(s.db, actor, "practice.moderate", c.req.param("spaceId"));
    return c.json({ proposals: (await queuedProposals(s.db, space.id)).map(toProposal) });
  });

  // Accepted: a draft fiche pratique in the space, its fields filled from the proposal; the proposal is gone.
  app.post("/practice-proposals/:proposalId/accept", async (c) => {
    const actor = requireActor(c.get("user"));
    const id = c.req.param("proposalId");
    const { space } = await authorizeProposal(s.db, actor, "practice.moderate", id);
    const p = (await proposalById(s.db, id))!;
    const doc = await createDocument(
      s,
      { spaceId: space.id, title: p.form.projet, kind: "fiche-pratique", themes: [], userId: actor.id, content: proposalContent(p.form) },
      async (q, documentId) => {
        if (!(await deleteProposal(q, id))) throw new HttpError(409, "proposal_decided", "Cette proposition vient d'être traitée par quelqu'un d'autre.");
        await s.bus.emit(q, "documentChanged", { documentId });
      },
    );
    await s.mailer.send({ to: p.email, ...acceptedMail(p.form.projet, space.name) });
    return c.json({ documentId: doc.id }, 201);
  });

  app.post("/practice-proposals/:proposalId/refuse", async (c) => {
    const actor = requireActor(c.get("user"));
    const id = c.req.param("proposalId");
    const { space } = await authorizeProposal(s.db, actor, "practice.moderate", id);
    const { reason } = await readJson(c, RefuseProposalBody);
    const p = (await proposalById(s.db, id))!;
    // The proposal stays in the queue unless its author could be told why it is refused.
    await s.db.tx(async (q) => {
      if (!(await deleteProposal(q, id))) throw new HttpError(409, "proposal_decided", "Cette proposition vient d'être traitée par quelqu'un d'autre.");
      await s.mailer.send({ to: p.email, ...refusedMail(p.form.projet, space.name, reason) });
    });
    return c.body(null, 204);
  });

  return app;
}
