/**
 * Comment anchors: two Yjs relative positions (from, to) in the content fragment. They follow
 * their text through concurrent edits; resolved against the current state they give the passage
 * now, or say that it was deleted (the range collapsed, or its paragraph is gone).
 */
import { CONTENT_FRAGMENT } from "@atelier/editor";
import type { CommentAnchor } from "@atelier/shared";
import * as Y from "yjs";

export type Position = Y.RelativePosition;

/** Decodes a base64 relative position; null when it is not one. */
export function decodePosition(base64: string): Position | null {
  try {
    const pos = Y.decodeRelativePosition(Buffer.from(base64, "base64"));
    return pos.type || pos.item || pos.tname ? pos : null;
  } catch {
    return null;
  }
}

export const encodePosition = (pos: Position) => Buffer.from(Y.encodeRelativePosition(pos)).toString("base64");

/**
 * Offsets of every point of the fragment in one running text (blocks separated by "\n"), and that
 * text: a position inside an XmlText, or between the children of an element.
 */
function layout(fragment: Y.XmlFragment) {
  let text = "";
  const textStart = new Map<Y.AbstractType<any>, number>();
  const childStarts = new Map<Y.AbstractType<any>, number[]>();
  const walk = (node: Y.XmlFragment | Y.XmlElement) => {
    const starts: number[] = [];
    for (const child of node.toArray()) {
      starts.push(text.length);
      if (child instanceof Y.XmlText) {
        textStart.set(child, text.length);
        text += plain(child);
      } else if (child instanceof Y.XmlElement) {
        walk(child);
        if (!text.endsWith("\n")) text += "\n";
      }
    }
    starts.push(text.length);
    childStarts.set(node, starts);
  };
  walk(fragment);
  return { text, textStart, childStarts };
}

/** The characters of an XmlText without its marks; an embed counts as one character, as in Yjs. */
const plain = (t: Y.XmlText) =>
  t
    .toDelta()
    .map((op: { insert: unknown }) => (typeof op.insert === "string" ? op.insert : "\uFFFC"))
    .join("");

function offsetOf(doc: Y.Doc, pos: Position, map: ReturnType<typeof layout>): number | null {
  const abs = Y.createAbsolutePositionFromRelativePosition(pos, doc);
  if (!abs) return null;
  // A position inside a deleted paragraph resolves into that dead paragraph.
  for (let t: Y.AbstractType<any> | null = abs.type; t; t = t._item?.parent as Y.AbstractType<any> | null) {
    if (t._item?.deleted) return null;
  }
  const start = map.textStart.get(abs.type);
  if (start !== undefined) return start + abs.index;
  const children = map.childStarts.get(abs.type);
  return children ? (children[Math.min(abs.index, children.length - 1)] ?? null) : null;
}

export interface ResolvedAnchor {
  deleted: boolean;
  /** The passage between the two positions now ("" when deleted). */
  text: string;
}

export function resolveAnchor(doc: Y.Doc, anchor: { from: Position; to: Position }): ResolvedAnchor {
  const map = layout(doc.getXmlFragment(CONTENT_FRAGMENT));
  const from = offsetOf(doc, anchor.from, map);
  const to = offsetOf(doc, anchor.to, map);
  if (from === null || to === null || to <= from) return { deleted: true, text: "" };
  return { deleted: false, text: map.text.slice(from, to).trim() };
}

/** Decodes both ends; null when either is not a relative position. */
export function decodeAnchor(anchor: CommentAnchor): { from: Position; to: Position } | null {
  const from = decodePosition(anchor.from);
  const to = decodePosition(anchor.to);
  return from && to ? { from, to } : null;
}
