/** The named version frozen when a document reaches "validé" or "transmis". */
import { DOCUMENT_STATUS_LABELS, type DocumentStatus } from "@atelier/shared";
import type { Services } from "../context.js";
import type { Queryable } from "../db/index.js";
import { createVersion } from "../versions/service.js";

export async function freezeVersion(
  s: Services,
  q: Queryable,
  input: { documentId: string; status: DocumentStatus; actorId: string; comment: string },
): Promise<string> {
  // The status alone: the version's instant is its created_at, shown in each reader's zone.
  const name = DOCUMENT_STATUS_LABELS[input.status];
  const version = await createVersion(s, q, {
    documentId: input.documentId,
    name,
    authorId: input.actorId,
    reason: input.comment || DOCUMENT_STATUS_LABELS[input.status],
    kind: "workflow",
  });
  return version.id;
}
