/** The named version frozen when a document reaches "validé" or "transmis". */
import { DOCUMENT_STATUS_LABELS, type DocumentStatus } from "@atelier/shared";
import type { Services } from "../context.js";
import type { Queryable } from "../db/index.js";
import { createVersion } from "../versions/service.js";

const day = new Intl.DateTimeFormat("fr-FR", { dateStyle: "long", timeZone: "Europe/Paris" });

export async function freezeVersion(
  s: Services,
  q: Queryable,
  input: { documentId: string; status: DocumentStatus; actorId: string; comment: string },
): Promise<string> {
  const name = `${DOCUMENT_STATUS_LABELS[input.status]} le ${day.format(new Date())}`;
  const version = await createVersion(s, q, {
    documentId: input.documentId,
    name,
    authorId: input.actorId,
    reason: input.comment || DOCUMENT_STATUS_LABELS[input.status],
    kind: "workflow",
  });
  return version.id;
}
