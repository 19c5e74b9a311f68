/**
 * A withdrawn questionnaire answer leaves the history of the documents quoting it too: every version
 * (named, automatic, frozen by the workflow) gets the notice in place of the quotes, as the live text
 * does (documents/withdrawn-quotes.ts). The respondent took their words back; a version kept readable
 * to the whole space would still show them.
 */
import { withdrawQuotes } from "@atelier/editor";
import * as Y from "yjs";
import type { Services } from "../context.js";

export const subscribeWithdrawnVersionQuotes = (s: Pick<Services, "bus">) =>
  s.bus.on("questionnaireAnswerWithdrawn", async (q, e) => {
    const versions = await q.query<{ id: string; state: Uint8Array }>("SELECT id, state FROM document_versions WHERE document_id = ANY($1::uuid[])", [e.documentIds]);
    for (const v of versions) {
      const doc = new Y.Doc();
      try {
        Y.applyUpdate(doc, v.state);
        let replaced = 0;
        doc.transact(() => (replaced = withdrawQuotes(doc, e.quotes)));
        if (replaced) await q.query("UPDATE document_versions SET state = $2, state_vector = $3 WHERE id = $1", [v.id, Y.encodeStateAsUpdate(doc), Y.encodeStateVector(doc)]);
      } finally {
        doc.destroy();
      }
    }
  });
