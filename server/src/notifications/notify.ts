/**
 * The one way to tell people something happened on a document: an entry in their bell, and a
 * mail now, in tomorrow's digest or not at all, as each person chose for that kind of event.
 *
 * Only people who can read the document are told; the author of the event is never told of
 * their own act. Call notify() inside the transaction of the act itself, so that nobody is told
 * of something that did not happen. Immediate mails leave shortly after (once the transaction
 * is committed); await deliverImmediate() after the commit to send them at once, and the
 * maintenance task sends any left behind.
 */
import type { NotificationKind } from "@atelier/shared";
import type { Services } from "../context.js";
import type { Queryable } from "../db/index.js";
import { documentReaders } from "../policy/index.js";
import { deliverSoon } from "./delivery.js";
import { modesFor } from "./preferences.js";

export interface NotifyInput {
  kind: NotificationKind;
  /** User ids; duplicates and the actor are dropped. */
  recipients: string[];
  documentId: string;
  /** The document's space: the one whose readers may be told. */
  spaceId: string;
  actor: { id: string } | null;
  /** One French sentence, shown in the bell and as the mail's subject. */
  summary: string;
  /** A path of the web app; the document's page by default. */
  link?: string;
}

export const documentLink = (documentId: string) => `/documents/${documentId}`;

/** Stores the notifications; returns the ids of the people told. */
export async function notify(s: Services, q: Queryable, input: NotifyInput): Promise<string[]> {
  const wanted = [...new Set(input.recipients)].filter((id) => id !== input.actor?.id);
  // The policy says who reads the document (nobody while it is in the trash).
  const doc = await documentReaders(q, wanted, input.documentId);
  if (!doc) throw new Error(`notify: no document ${input.documentId}`);
  if (doc.spaceId !== input.spaceId) throw new Error(`notify: document ${input.documentId} is not in space ${input.spaceId}`);
  const told = doc.readers;
  const modes = await modesFor(q, told, input.kind);
  for (const userId of told) {
    const mode = modes.get(userId)!;
    await q.query(
      `INSERT INTO notifications (id, user_id, kind, document_id, space_id, actor_id, summary, link, mail)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        crypto.randomUUID(),
        userId,
        input.kind,
        input.documentId,
        input.spaceId,
        input.actor?.id ?? null,
        input.summary,
        input.link ?? documentLink(input.documentId),
        mode,
      ],
    );
  }
  if ([...modes.values()].includes("immediate")) deliverSoon(s);
  return told;
}

export { deliverImmediate, sendDigests } from "./delivery.js";
