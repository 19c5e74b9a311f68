import type { JSONContent } from "@tiptap/core";
import { DOMParser } from "@tiptap/pm/model";
import { getEditorSchema } from "./schema.js";

/**
 * A document parsed from an HTML element by the editor schema's own rules, as the editor parses a
 * paste: what the schema does not know (scripts, remote images, unknown elements) is left out and
 * only its text, if any, is kept. `dom` is any DOM implementation's element (a browser's, linkedom's).
 */
export function domToDoc(dom: unknown): JSONContent {
  const node = DOMParser.fromSchema(getEditorSchema()).parse(dom as globalThis.Node);
  node.check();
  return node.toJSON() as JSONContent;
}

/** The document this JSON describes, refused (throws) if the editor schema does not allow it. */
export function checkedDoc(json: JSONContent): JSONContent {
  const node = getEditorSchema().nodeFromJSON(json);
  node.check();
  if (node.type.name !== "doc") throw new RangeError("not a document");
  return node.toJSON() as JSONContent;
}
