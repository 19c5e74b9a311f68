/** An imported file's comments become threads of the new document, in the transaction that creates it. */
import type { Services } from "../context.js";
import { insertComment, insertThread } from "./queries.js";

export function subscribeImportedComments(s: Pick<Services, "bus">): void {
  s.bus.on("documentCommentsImported", async (q, e) => {
    // Opened in the same instant, threads are listed by id: ids in ascending order keep the text's order.
    const ids = e.threads.map(() => crypto.randomUUID()).sort();
    for (const [i, t] of e.threads.entries()) {
      const id = ids[i]!;
      await insertThread(q, { id, documentId: e.documentId, from: t.from, to: t.to, quote: t.quote, userId: e.userId });
      await insertComment(q, { threadId: id, userId: e.userId, body: t.body, mentions: [] });
      await s.bus.emit(q, "commentThreadChanged", { threadId: id });
    }
  });
}
