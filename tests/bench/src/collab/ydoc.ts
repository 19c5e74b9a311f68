import * as Y from "yjs";
import { sleep } from "./stats.js";
import type { Patch } from "./trace.js";

/** How much of a client's history a document holds (the next clock of that client). */
export function clockOf(doc: Y.Doc, client: number): number {
  const structs = doc.store.clients.get(client);
  const last = structs?.[structs.length - 1];
  return last ? last.id.clock + last.length : 0;
}

/** Adds an empty paragraph at the end of the editor's content and returns its text. */
export function appendParagraph(doc: Y.Doc): Y.XmlText {
  const paragraph = new Y.XmlElement("paragraph");
  const text = new Y.XmlText();
  paragraph.insert(0, [text]);
  doc.getXmlFragment("default").push([paragraph]);
  return text;
}

export function lastParagraphText(doc: Y.Doc): Y.XmlText | undefined {
  const fragment = doc.getXmlFragment("default");
  const last = fragment.get(fragment.length - 1);
  return last instanceof Y.XmlElement ? (last.get(0) as Y.XmlText | undefined) : undefined;
}

export function applyPatches(text: Y.XmlText, patches: Patch[]) {
  for (const [pos, del, ins] of patches) {
    if (del > 0) text.delete(pos, del);
    if (ins) text.insert(pos, ins);
  }
}

/** Types the transactions into `text` at `rate` per second, each as one Yjs transaction; `sent` after each. */
export async function typeAtRate(text: Y.XmlText, txns: { patches: Patch[] }[], rate: number, sent: () => void) {
  const t0 = performance.now();
  let i = 0;
  while (i < txns.length) {
    const due = Math.min(txns.length, Math.floor(((performance.now() - t0) / 1000) * rate) + 1);
    for (; i < due; i++) {
      text.doc!.transact(() => applyPatches(text, txns[i]!.patches));
      sent();
    }
    await sleep(1);
  }
}
