/**
 * The ProseMirror document a Y.Doc holds, built only from what the editor's schema allows.
 * y-tiptap's converter assumes every child of the fragment is an XmlElement or XmlText and takes
 * attributes as they come; any Yjs client can write other things (a map, a string, JSON, unknown
 * elements, free CSS in an alignment). Here each item is checked: what does not fit is skipped and
 * named in `skipped`, and attribute values are kept only from the ranges the schema needs.
 */
import { Fragment, type Mark, type MarkType, type Node, type NodeType, type Schema } from "@tiptap/pm/model";
import * as Y from "yjs";

const ALIGNMENTS = new Set(["left", "center", "right", "justify"]);
/** Far deeper than the editor ever nests (the collaboration server refuses deeper structures). */
const MAX_DEPTH = 200;
const MAX_ATTRIBUTE_LENGTH = 4096;

const positiveInt = (v: unknown, max: number) => typeof v === "number" && Number.isInteger(v) && v >= 1 && v <= max;

/** One attribute's value as the schema may hold it, or undefined (the attribute's default then applies). */
function cleanValue(name: string, value: unknown): unknown {
  switch (name) {
    case "textAlign":
      return typeof value === "string" && ALIGNMENTS.has(value) ? value : null;
    case "colwidth":
      return Array.isArray(value) && value.every((w) => positiveInt(w, 10_000)) ? value : null;
    case "colspan":
    case "rowspan":
      return positiveInt(value, 1_000) ? value : 1;
    case "level":
      return positiveInt(value, 6) ? value : undefined;
    case "start":
      return typeof value === "number" && Number.isInteger(value) ? value : undefined;
    // Presentation the editor never sets from content: the export writes its own.
    case "class":
    case "target":
      return null;
  }
  if (value === null || typeof value === "boolean" || typeof value === "number") return value;
  if (typeof value === "string") return value.length <= MAX_ATTRIBUTE_LENGTH ? value : undefined;
  return undefined;
}

function cleanAttrs(type: NodeType | MarkType, raw: unknown): Record<string, unknown> {
  const attrs: Record<string, unknown> = {};
  if (typeof raw !== "object" || raw === null) return attrs;
  for (const name of Object.keys(type.spec.attrs ?? {})) {
    if (!(name in raw)) continue;
    const value = cleanValue(name, (raw as Record<string, unknown>)[name]);
    if (value !== undefined) attrs[name] = value;
  }
  return attrs;
}

function textNodes(schema: Schema, text: Y.XmlText, skip: (what: string) => void): Node[] {
  const nodes: Node[] = [];
  for (const op of text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
    if (typeof op.insert !== "string") {
      skip("objet inséré dans un texte");
      continue;
    }
    if (!op.insert) continue;
    let marks: readonly Mark[] = [];
    for (const [key, value] of Object.entries(op.attributes ?? {})) {
      // y-prosemirror names overlapping marks of one type "name--hash".
      const type = schema.marks[key.split("--")[0]!];
      if (!type) {
        skip(`marque inconnue « ${key} »`);
        continue;
      }
      marks = type.create(cleanAttrs(type, value)).addToSet(marks);
    }
    nodes.push(schema.text(op.insert, marks));
  }
  return nodes;
}

function children(schema: Schema, parent: Y.XmlElement | Y.XmlFragment, depth: number, skip: (what: string) => void): Node[] {
  const out: Node[] = [];
  for (const child of parent.toArray()) {
    if (child instanceof Y.XmlElement) {
      const node = elementNode(schema, child, depth + 1, skip);
      if (node) out.push(node);
    } else if (child instanceof Y.XmlText) {
      out.push(...textNodes(schema, child, skip));
    } else {
      skip(child instanceof Y.AbstractType ? "structure Yjs étrangère" : `valeur ${typeof child}`);
    }
  }
  return out;
}

function elementNode(schema: Schema, el: Y.XmlElement, depth: number, skip: (what: string) => void): Node | null {
  const type = schema.nodes[el.nodeName];
  if (!type || type.isText || type === schema.topNodeType) {
    skip(`élément inconnu « ${el.nodeName.slice(0, 40)} »`);
    return null;
  }
  if (depth > MAX_DEPTH) {
    skip("structure trop imbriquée");
    return null;
  }
  const attrs = cleanAttrs(type, el.getAttributes());
  const content = children(schema, el, depth, skip);
  try {
    return type.createChecked(attrs, content);
  } catch {
    // Content the type does not take: keep what fits, fill what it requires.
    const fitting = content.filter((c) => type.contentMatch.matchType(c.type) || type.validContent(Fragment.from(c)));
    const node = type.createAndFill(attrs, fitting);
    skip(`contenu non conforme dans « ${el.nodeName} »`);
    return node;
  }
}

export function fragmentToNode(fragment: Y.XmlFragment, schema: Schema): { node: Node; skipped: string[] } {
  const skipped: string[] = [];
  const skip = (what: string) => void (skipped.length < 20 && skipped.push(what));
  const top = schema.topNodeType;
  const blocks = children(schema, fragment, 0, skip).filter((b) => {
    if (top.contentMatch.matchType(b.type)) return true;
    skip(`« ${b.type.name} » hors d'un bloc`);
    return false;
  });
  let node: Node;
  try {
    node = top.createChecked(null, blocks);
  } catch {
    node = top.createAndFill(null, blocks) ?? top.createAndFill()!;
  }
  return { node, skipped };
}
