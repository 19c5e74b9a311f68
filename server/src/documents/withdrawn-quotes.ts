/**
 * A withdrawn questionnaire answer leaves the documents quoting it: each of its quotes becomes a
 * notice in the live text, through the document's open copy when people are writing in it (they see
 * it change and keep what they type elsewhere). The log is then compacted: the update that wrote the
 * quote stays in it until then, while a merged state keeps no deleted text.
 */
import { withdrawQuotes } from "@atelier/editor";
import type { Services } from "../context.js";
import { compactLog } from "./content.js";

export const subscribeWithdrawnQuotes = (s: Pick<Services, "bus" | "content" | "db">) =>
  s.bus.on("questionnaireAnswerWithdrawn", async (_q, e) => {
    for (const documentId of e.documentIds) {
      await s.content.edit(documentId, null, (doc) => withdrawQuotes(doc, e.quotes));
      await compactLog(s.db, documentId);
    }
  });
