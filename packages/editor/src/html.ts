import type { DOMOutputSpec, Fragment, Mark, Node } from "@tiptap/pm/model";
import { ATTACHMENT_PATH, isAttachmentUrl } from "@atelier/shared";
import { LINK_PROTOCOLS } from "./extensions.js";

// Elements HTML writes without a closing tag.
const VOID_ELEMENTS = new Set(["br", "hr", "img", "input", "col", "wbr"]);
// Attributes that carry a URL: anything but the allowed schemes or a relative address is dropped.
const URL_ATTRIBUTES = new Set(["href", "src"]);
// Attributes the schema renders for presentation or behaviour: an editor's own class, target or
// event handler never leaves the server.
const DROPPED_ATTRIBUTES = new Set(["class", "target", "id"]);
// The only inline styles the schema writes: alignment from its four values and table widths.
const SAFE_STYLE = /^(?:\s*(?:text-align:\s*(?:left|center|right|justify)|(?:min-)?width:\s*\d{1,5}px)\s*;?)+\s*$/i;
const SAFE_URL = new RegExp(`^(?:(?:${LINK_PROTOCOLS.join("|")}):|[^:]*$)`, "i");

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

// Control and blank characters browsers ignore inside a scheme ("java\tscript:") must not hide one.
const isSafeUrl = (url: string) => SAFE_URL.test(url.replace(/[\u0000-\u0020\u007f]/g, ""));

function renderAttributes(attrs: Record<string, unknown>): string {
  let out = "";
  for (const [name, value] of Object.entries(attrs)) {
    // As ProseMirror's DOM serializer does: only null/undefined are left out, other values are stringified.
    if (value === null || value === undefined) continue;
    // Names come from the schema's renderHTML, yet a name that is not a plain identifier is never written.
    if (!/^[a-zA-Z_:][-a-zA-Z0-9_:.]*$/.test(name)) continue;
    const text = String(value);
    const lower = name.toLowerCase();
    if (DROPPED_ATTRIBUTES.has(lower) || lower.startsWith("on")) continue;
    if (lower === "style" && !SAFE_STYLE.test(text)) continue;
    if (URL_ATTRIBUTES.has(lower) && !isSafeUrl(text)) continue;
    out += ` ${name}="${escapeHtml(text)}"`;
  }
  return out;
}

const isAttrs = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

export interface HtmlOptions {
  /**
   * Where an image shows its attachment from, by the attachment's id, when not from the members' own
   * address (a page of the public site serves the images of what it published itself).
   */
  imageSrc?: (attachmentId: string) => string;
}

/**
 * Renders a schema's DOMOutputSpec (["tag", attrs?, ...children | 0]) as an HTML string, putting `hole` where the
 * spec has its content hole. Tiptap's renderHTML always returns such arrays, so no DOM is needed.
 */
function renderSpec(spec: DOMOutputSpec, hole: string, opts: HtmlOptions): string {
  if (typeof spec === "string") return escapeHtml(spec);
  if (!Array.isArray(spec)) throw new Error("Unsupported DOM output spec: only array specs can be rendered without a DOM");
  const [rawTag, ...rest] = spec as readonly unknown[];
  // A namespaced tag ("http://www.w3.org/2000/svg svg") keeps its local name.
  const tag = String(rawTag).split(" ").pop()!;
  let children = rest;
  let attrs = "";
  // An image shows only one of Atelier's attachments; any other is left out whole (see AttachmentImage).
  if (tag === "img" && !(isAttrs(children[0]) && isAttachmentUrl(children[0].src))) return "";
  if (isAttrs(children[0])) {
    const src = children[0].src;
    attrs = renderAttributes(tag === "img" && opts.imageSrc && isAttachmentUrl(src) ? { ...children[0], src: opts.imageSrc(src.slice(ATTACHMENT_PATH.length)) } : children[0]);
    children = children.slice(1);
  }
  if (VOID_ELEMENTS.has(tag)) return `<${tag}${attrs}>`;
  const inner = children.map((child) => (child === 0 ? hole : renderSpec(child as DOMOutputSpec, hole, opts))).join("");
  return `<${tag}${attrs}>${inner}</${tag}>`;
}

function renderMark(mark: Mark, inner: string, opts: HtmlOptions): string {
  const toDOM = mark.type.spec.toDOM;
  return toDOM ? renderSpec(toDOM(mark, true), inner, opts) : inner;
}

function renderNode(node: Node, opts: HtmlOptions): string {
  if (node.isText) return node.marks.reduceRight((html, mark) => renderMark(mark, html, opts), escapeHtml(node.text ?? ""));
  const toDOM = node.type.spec.toDOM;
  const content = renderFragment(node.content, opts);
  return toDOM ? renderSpec(toDOM(node), content, opts) : content;
}

function renderFragment(fragment: Fragment, opts: HtmlOptions): string {
  let out = "";
  fragment.forEach((child) => (out += renderNode(child, opts)));
  return out;
}

/** The HTML of a document (its children, without a wrapper), every text and attribute escaped, unsafe links dropped. */
export function nodeToHtml(doc: Node, opts: HtmlOptions = {}): string {
  return renderFragment(doc.content, opts);
}
