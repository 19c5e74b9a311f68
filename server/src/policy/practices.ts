/** Access to a practice the public proposed, from the workspace: its territory's space's rules decide. */
import { type SpaceAction } from "@atelier/shared";
import type { Queryable } from "../db/index.js";
import { notFound } from "../http/errors.js";
import { authorizeSpace } from "./spaces.js";
import { isUuid, type Actor, type SpaceWithStanding } from "./standing.js";

/** Only a confirmed proposal exists for anyone: an unconfirmed one is nobody's yet. */
export async function authorizeProposal(q: Queryable, actor: Actor, action: SpaceAction, proposalId: string): Promise<SpaceWithStanding> {
  const [row] = isUuid(proposalId)
    ? await q.query<{ space_id: string }>("SELECT space_id FROM practice_proposals WHERE id = $1 AND confirmed_at IS NOT NULL", [proposalId])
    : [];
  if (!row) throw notFound("Cette proposition n'existe pas ou a déjà été traitée.");
  return authorizeSpace(q, actor, action, row.space_id);
}
