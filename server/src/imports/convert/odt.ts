/**
 * ODT: no maintained ODT-to-HTML converter exists on npm, so its content.xml is read here with
 * htmlparser2 (XML mode, already the server's HTML parser) and written as plain HTML of what the
 * editor keeps: headings, paragraphs, the five marks (from the text's styles, with their parents),
 * lists (numbered or not, from the list style), tables with their merged cells, links, images,
 * quotations and separators (LibreOffice's own paragraph styles), notes at the end, and the
 * annotations' passages marked for comment threads (./comments.ts).
 */
import { escapeHtml } from "@atelier/editor";
import { type ChildNode, type Element, isTag, isText } from "domhandler";
import { parseDocument } from "htmlparser2";
import { type Comments, endMark, MARKS as COMMENT_MARKS, startMark } from "./comments.js";
import { Images } from "./html.js";
import { REASONS, Refused } from "./refused.js";

interface Style {
  parent?: string;
  /** A heading's level, when paragraphs of this style are headings. */
  outline?: number;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  strike?: boolean;
  highlight?: boolean;
}

const MARKS = [
  ["bold", "strong"],
  ["italic", "em"],
  ["underline", "u"],
  ["strike", "s"],
  ["highlight", "mark"],
] as const;

const IMAGE_TYPES: Record<string, string> = { png: "image/png", jpg: "image/jpeg", jpeg: "image/jpeg", gif: "image/gif", webp: "image/webp" };

const children = (el: Element) => el.children.filter(isTag);
const textContent = (el: Element): string => el.children.map((c) => (isText(c) ? c.data : isTag(c) ? textContent(c) : "")).join("");
const xml = (bytes: Buffer | undefined) => (bytes ? parseDocument(bytes.toString("utf8"), { xmlMode: true }) : null);

function* all(nodes: ChildNode[]): Generator<Element> {
  for (const n of nodes) {
    if (!isTag(n)) continue;
    yield n;
    yield* all(n.children);
  }
}

class Reader {
  private styles = new Map<string, Style>();
  /** List style name → whether each level (1-based) is numbered. */
  private lists = new Map<string, Map<number, boolean>>();
  private notes: string[] = [];
  /** An annotation's marker number by its name, for its office:annotation-end. */
  private annotations = new Map<string, number>();
  private tocs = 0;

  constructor(
    private readonly parts: Map<string, Buffer>,
    private readonly images: Images,
    private readonly comments: Comments,
  ) {}

  readStyles(root: ChildNode[]) {
    for (const el of all(root)) {
      const name = el.attribs["style:name"];
      if (!name) continue;
      if (el.name === "style:style") {
        const props = children(el).find((c) => c.name === "style:text-properties")?.attribs ?? {};
        const none = (v: string | undefined) => v === undefined ? undefined : v !== "none";
        const background = props["fo:background-color"];
        this.styles.set(name, {
          parent: el.attribs["style:parent-style-name"],
          outline:
            Number(el.attribs["style:default-outline-level"]) ||
            Number(/^Heading_20_([1-6])$/.exec(name)?.[1]) ||
            (name === "Title" ? 1 : undefined),
          bold: props["fo:font-weight"] === undefined ? undefined : props["fo:font-weight"] === "bold" || Number(props["fo:font-weight"]) >= 600,
          italic: props["fo:font-style"] === undefined ? undefined : props["fo:font-style"] === "italic",
          underline: none(props["style:text-underline-style"]),
          strike: none(props["style:text-line-through-style"]),
          highlight: background === undefined ? undefined : background !== "transparent",
        });
      } else if (el.name === "text:list-style") {
        const levels = new Map<number, boolean>();
        for (const level of children(el)) levels.set(Number(level.attribs["text:level"] ?? 1), level.name === "text:list-level-style-number");
        this.lists.set(name, levels);
      }
    }
  }

  /** The style's names from itself up to its first ancestor, and a property as inherited. */
  private chain(name: string | undefined): string[] {
    const names: string[] = [];
    while (name && !names.includes(name) && names.length < 20) {
      names.push(name);
      name = this.styles.get(name)?.parent;
    }
    return names;
  }

  private property(name: string | undefined, key: keyof Omit<Style, "parent" | "outline">): boolean {
    for (const n of this.chain(name)) {
      const v = this.styles.get(n)?.[key];
      if (v !== undefined) return v;
    }
    return false;
  }

  private marked(el: Element, inner: string): string {
    const style = el.attribs["text:style-name"];
    return MARKS.reduce((html, [key, tag]) => (this.property(style, key) ? `<${tag}>${html}</${tag}>` : html), inner);
  }

  private inline(nodes: ChildNode[]): string {
    return nodes.map((n) => this.inlineNode(n)).join("");
  }

  private inlineNode(n: ChildNode): string {
    if (isText(n)) return escapeHtml(n.data.replace(COMMENT_MARKS, ""));
    if (!isTag(n)) return "";
    switch (n.name) {
      case "text:span":
        return this.marked(n, this.inline(n.children));
      case "text:a": {
        const href = n.attribs["xlink:href"] ?? "";
        return `<a href="${escapeHtml(href)}">${this.inline(n.children)}</a>`;
      }
      case "text:s":
        return " ".repeat(Math.min(Number(n.attribs["text:c"] ?? 1) || 1, 100));
      case "text:tab":
        return " ";
      case "text:line-break":
        return "<br>";
      case "text:note": {
        const body = children(n).find((c) => c.name === "text:note-body");
        this.notes.push(body ? this.blocks(body.children) : "");
        return `[${this.notes.length}]`;
      }
      case "office:annotation":
        return this.annotation(n);
      case "office:annotation-end": {
        const mark = this.annotations.get(n.attribs["office:name"] ?? "");
        return mark === undefined ? "" : endMark(mark);
      }
      case "draw:frame":
        return this.inline(n.children);
      case "draw:image": {
        const path = n.attribs["xlink:href"] ?? "";
        const type = IMAGE_TYPES[path.split(".").pop()!.toLowerCase()];
        const bytes = this.parts.get(path);
        const src = bytes && type ? this.images.add(type, bytes.toString("base64")) : bytes ? this.images.add(`image/${path.split(".").pop()}`, "") : null;
        // Its replacement rendering (an SVG or PNG preview of an object) is not shown twice.
        return src ? `<img src="${src}">` : "";
      }
      case "text:bookmark":
      case "text:bookmark-start":
      case "text:bookmark-end":
      case "text:soft-page-break":
      case "text:note-citation":
      case "svg:title":
      case "svg:desc":
        return "";
      default:
        return this.inline(n.children);
    }
  }

  /** A named annotation's passage runs to its office:annotation-end; one with no name stands at a point. */
  private annotation(el: Element): string {
    const text = (name: string) => children(el).filter((c) => c.name === name).map((c) => textContent(c).trim());
    const n = this.comments.add({ author: text("dc:creator").join(" "), text: text("text:p").join("\n").trim() });
    if (n === null) return "";
    const name = el.attribs["office:name"];
    if (!name) return startMark(n) + endMark(n);
    this.annotations.set(name, n);
    return startMark(n);
  }

  private paragraph(el: Element): string {
    const names = this.chain(el.attribs["text:style-name"]);
    const inner = this.inline(el.children);
    if (names.some((n) => /^Horizontal_20_Line$/.test(n))) return "<hr>";
    if (names.includes("Quotations")) return `<blockquote><p>${inner}</p></blockquote>`;
    const outline = names.map((n) => this.styles.get(n)?.outline).find((level) => level);
    if (outline) return this.heading(outline, inner);
    // LibreOffice turns an HTML <th> into a "Table Heading" paragraph: it is the cell that says header.
    return `<p>${inner}</p>`;
  }

  private heading(level: number, inner: string): string {
    const h = Math.min(6, Math.max(1, level || 1));
    return `<h${h}>${inner}</h${h}>`;
  }

  private list(el: Element, style: string | undefined, level: number): string {
    const own = el.attribs["text:style-name"] ?? style;
    const tag = own && this.lists.get(own)?.get(level) ? "ol" : "ul";
    const items = children(el)
      .filter((c) => c.name === "text:list-item" || c.name === "text:list-header")
      .map((item) => `<li>${this.blocks(item.children, own, level + 1)}</li>`);
    return `<${tag}>${items.join("")}</${tag}>`;
  }

  private table(el: Element): string {
    const rows: string[] = [];
    const walk = (nodes: Element[], header: boolean) => {
      for (const c of nodes) {
        if (c.name === "table:table-header-rows") walk(children(c), true);
        else if (c.name === "table:table-rows" || c.name === "table:table-row-group") walk(children(c), header);
        else if (c.name === "table:table-row") {
          const cells = children(c)
            .filter((cell) => cell.name === "table:table-cell")
            .map((cell) => {
              const tag = header ? "th" : "td";
              const span = (attr: string, html: string) => (Number(cell.attribs[attr]) > 1 ? ` ${html}="${Number(cell.attribs[attr])}"` : "");
              return `<${tag}${span("table:number-columns-spanned", "colspan")}${span("table:number-rows-spanned", "rowspan")}>${this.blocks(cell.children)}</${tag}>`;
            });
          rows.push(`<tr>${cells.join("")}</tr>`);
        }
      }
    };
    walk(children(el), false);
    return `<table>${rows.join("")}</table>`;
  }

  blocks(nodes: ChildNode[], listStyle?: string, level = 1): string {
    return nodes
      .map((n) => {
        if (!isTag(n)) return "";
        switch (n.name) {
          case "text:h":
            return this.heading(Number(n.attribs["text:outline-level"] ?? 1), this.inline(n.children));
          case "text:p":
            return this.paragraph(n);
          case "text:list":
            return this.list(n, listStyle, level);
          case "table:table":
            return this.table(n);
          case "text:table-of-content":
          case "text:alphabetical-index":
          case "text:illustration-index":
            this.tocs++;
            return "";
          case "text:sequence-decls":
          case "office:forms":
          case "table:table-column":
          case "table:table-columns":
            return "";
          default:
            return this.blocks(n.children, listStyle, level);
        }
      })
      .join("");
  }

  finish(html: string, dropped: string[]): string {
    if (this.tocs) dropped.push("La table des matières du fichier n'a pas été reprise (Atelier construit la sienne à partir des titres).");
    const notes = this.notes.length ? `<h2>Notes</h2><ol>${this.notes.map((n) => `<li>${n}</li>`).join("")}</ol>` : "";
    return html + notes;
  }
}

export function odtToHtml(parts: Map<string, Buffer>, images: Images, comments: Comments, dropped: string[]): string {
  const mimetype = parts.get("mimetype")?.toString("ascii").trim();
  const content = xml(parts.get("content.xml"));
  if (!content || (mimetype && !mimetype.startsWith("application/vnd.oasis.opendocument.text"))) throw new Refused(REASONS.notOdt);
  const reader = new Reader(parts, images, comments);
  const styles = xml(parts.get("styles.xml"));
  if (styles) reader.readStyles(styles.children);
  reader.readStyles(content.children);
  const text = [...all(content.children)].find((el) => el.name === "office:text");
  if (!text) throw new Refused(REASONS.notOdt);
  return reader.finish(reader.blocks(text.children), dropped);
}
