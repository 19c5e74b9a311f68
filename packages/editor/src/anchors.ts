import { slugify } from "@atelier/shared";
import type { Node } from "@tiptap/pm/model";

/**
 * Every heading of a document gets an anchor, so that a link (a search result, a table of contents entry)
 * opens the document at that heading: "titre-" followed by the heading's text as a slug ("Leviers d'actions"
 * → "titre-leviers-d-actions"); a second heading of the same text gets "-2", a third "-3"… in document order.
 * Derived from the text alone, so the server computes the same anchors from the stored content without any
 * attribute in the document. The prefix keeps anchors apart from the page's own ids ("contenu").
 */
export const HEADING_ANCHOR_PREFIX = "titre-";

export interface HeadingAnchor {
  level: number;
  text: string;
  /** Position of the heading in the document. */
  pos: number;
  anchor: string;
}

/** The anchors of these heading texts, in order: repeats are numbered. */
export function anchorsOf(texts: readonly string[]): string[] {
  const used = new Set<string>();
  return texts.map((text) => {
    const base = HEADING_ANCHOR_PREFIX + (slugify(text) || "sans-texte");
    let anchor = base;
    for (let n = 2; used.has(anchor); n++) anchor = `${base}-${n}`;
    used.add(anchor);
    return anchor;
  });
}

/** The headings of a document that have text (wherever they sit: in a list or a table too), with their anchors. */
export function headingAnchors(doc: Node): HeadingAnchor[] {
  const found: Omit<HeadingAnchor, "anchor">[] = [];
  doc.descendants((node, pos) => {
    if (node.type.name !== "heading") return true;
    if (node.textContent.trim()) found.push({ level: node.attrs.level as number, text: node.textContent, pos });
    return false;
  });
  const anchors = anchorsOf(found.map((h) => h.text));
  return found.map((h, i) => ({ ...h, anchor: anchors[i]! }));
}

/**
 * The heading an address's hash names: its exact anchor; else the heading at that position for "titre-<position>"
 * (the table of contents' links before anchors were named, which people may have copied); else the first heading
 * whose text reads the same once made a slug (a link written by hand: "#Leviers d'actions", "#leviers-d-actions").
 */
export function findHeading(headings: readonly HeadingAnchor[], hash: string): HeadingAnchor | undefined {
  let wanted = hash.replace(/^#/, "");
  try {
    wanted = decodeURIComponent(wanted);
  } catch {
    // A malformed escape: the hash is compared as it is.
  }
  if (!wanted) return undefined;
  const exact = headings.find((h) => h.anchor === wanted);
  if (exact) return exact;
  const position = /^titre-(\d+)$/.exec(wanted);
  const atPosition = position ? headings.find((h) => h.pos === Number(position[1])) : undefined;
  if (atPosition) return atPosition;
  const slug = slugify(wanted.startsWith(HEADING_ANCHOR_PREFIX) ? wanted.slice(HEADING_ANCHOR_PREFIX.length) : wanted);
  return slug ? headings.find((h) => slugify(h.text) === slug) : undefined;
}
