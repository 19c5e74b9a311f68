/**
 * Bringing a version back: the live fragment is turned into the version's with as few changes as
 * possible. Top-level blocks that are the same in both stay (and so do the comments anchored in
 * them); the others are deleted or inserted (copies of the version's), in one transaction.
 * Anything at the top that is not a block (a map, a string or JSON written with the plain Yjs API)
 * is removed: the restored text is the version's, and nothing else.
 */
import { CONTENT_FRAGMENT } from "@atelier/editor";
import * as Y from "yjs";
import { lcsEdits } from "./lcs.js";

type Block = Y.XmlElement | Y.XmlText;

const blocksOf = (doc: Y.Doc) =>
  doc
    .getXmlFragment(CONTENT_FRAGMENT)
    .toArray()
    .filter((b): b is Block => b instanceof Y.XmlElement || b instanceof Y.XmlText);

/** Changes `live` (inside the caller's transaction) so that its content equals `version`'s. */
export function restoreInto(live: Y.Doc, version: Y.Doc) {
  const fragment = live.getXmlFragment(CONTENT_FRAGMENT);
  const items = fragment.toArray();
  for (let i = items.length - 1; i >= 0; i--) {
    if (!(items[i] instanceof Y.XmlElement || items[i] instanceof Y.XmlText)) fragment.delete(i, 1);
  }
  const current = blocksOf(live);
  const wanted = blocksOf(version);
  const keys = (bs: Block[]) => bs.map((b) => b.toString());
  let pos = 0;
  for (const e of lcsEdits(keys(current), keys(wanted))) {
    if (e.op === "equal") pos++;
    else if (e.op === "delete") fragment.delete(pos, 1);
    else fragment.insert(pos++, [wanted[e.b]!.clone()]);
  }
}
