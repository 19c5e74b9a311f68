import { COLLAB_FRAGMENT } from "@atelier/shared";
import { getText, getTextSerializersFromSchema, type JSONContent } from "@tiptap/core";
import type { Node } from "@tiptap/pm/model";
import { absolutePositionToRelativePosition, initProseMirrorDoc, prosemirrorJSONToYDoc } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import { fragmentToNode } from "./fromYjs.js";
import { nodeToHtml } from "./html.js";
import { getEditorSchema } from "./schema.js";
import { documentTemplate, type TemplateKind } from "./templates.js";

/** The Y.XmlFragment that holds a document's content (Tiptap's Collaboration default). */
export const CONTENT_FRAGMENT = COLLAB_FRAGMENT;

/** A Yjs update that writes this content (ProseMirror JSON of the schema) into an empty document's "default" fragment. */
export function contentUpdate(content: JSONContent): Uint8Array {
  const ydoc = prosemirrorJSONToYDoc(getEditorSchema(), content, CONTENT_FRAGMENT);
  const update = Y.encodeStateAsUpdate(ydoc);
  ydoc.destroy();
  return update;
}

/**
 * The update of contentUpdate, with ProseMirror positions of that content turned into Yjs relative
 * positions of the same update (encoded), as the editor anchors a comment to its selection.
 */
export function contentUpdateAt(content: JSONContent, positions: number[]): { update: Uint8Array; positions: Uint8Array[] } {
  const schema = getEditorSchema();
  const ydoc = prosemirrorJSONToYDoc(schema, content, CONTENT_FRAGMENT);
  const type = ydoc.getXmlFragment(CONTENT_FRAGMENT);
  const { mapping } = initProseMirrorDoc(type, schema);
  const relative = positions.map((pos) => Y.encodeRelativePosition(absolutePositionToRelativePosition(pos, type, mapping) as Y.RelativePosition));
  const update = Y.encodeStateAsUpdate(ydoc);
  ydoc.destroy();
  return { update, positions: relative };
}

/** A Yjs update that writes the template of this kind into an empty document's "default" fragment. */
export const templateUpdate = (kind: TemplateKind): Uint8Array => contentUpdate(documentTemplate(kind));

/** Told what a document held that the schema does not allow (and was left out), for the logs. */
export type OnSkipped = (skipped: string[]) => void;

/** The ProseMirror document a Y.Doc holds; content the schema does not allow is left out rather than failing. */
export function docToNode(ydoc: Y.Doc, onSkipped?: OnSkipped): Node {
  const { node, skipped } = fragmentToNode(ydoc.getXmlFragment(CONTENT_FRAGMENT), getEditorSchema());
  if (skipped.length) onSkipped?.(skipped);
  return node;
}

/** Plain text of a document, blocks separated by one blank line however many empty blocks lie between (for search and export). */
export function docToText(ydoc: Y.Doc, onSkipped?: OnSkipped): string {
  const schema = getEditorSchema();
  return getText(docToNode(ydoc, onSkipped), { blockSeparator: "\n\n", textSerializers: getTextSerializersFromSchema(schema) })
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** Safe HTML of a document: every text and attribute escaped, links limited to http(s), mailto and tel. */
export function docToHtml(ydoc: Y.Doc, onSkipped?: OnSkipped): string {
  return nodeToHtml(docToNode(ydoc, onSkipped));
}
