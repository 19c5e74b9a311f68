/**
 * DOCX export with the `docx` library: Word's headings (so Word and LibreOffice build their own
 * navigation), a contents list linking to bookmarks on the headings, page numbers in the footer,
 * images embedded, and open comments as real Word comments (replies threaded under the first).
 * Word has no nested blocks outside tables: quotes and list items become indented paragraphs.
 */
import {
  AlignmentType,
  Bookmark,
  BorderStyle,
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  Document,
  ExternalHyperlink,
  Footer,
  HeadingLevel,
  ImageRun,
  InternalHyperlink,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ICommentOptions,
  type IParagraphOptions,
  type ParagraphChild,
} from "docx";
import type { Node } from "@tiptap/pm/model";
import { hasMark, linkOf, type Outline, type Run } from "./outline.js";
import { fitWidth } from "./sizes.js";
import type { ExportSource } from "./source.js";
import { COVER_LABELS, TOC_TITLE, taskMark } from "./words.js";

const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4, HeadingLevel.HEADING_5, HeadingLevel.HEADING_6];
const ALIGN: Record<string, (typeof AlignmentType)[keyof typeof AlignmentType]> = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  justify: AlignmentType.JUSTIFIED,
};
/** Text width of an A4 page with Word's default margins, in pixels at 96 dpi. */
const PAGE_WIDTH_PX = 600;
const INDENT = 720;

interface Context {
  /** Nesting of lists: each level's kind and the numbering instance of an ordered list. */
  lists: { kind: "bullet" | "ordered" | "task"; instance: number; checked?: boolean }[];
  quote: number;
  code?: boolean;
}

type Block = Paragraph | Table;

class DocxWriter {
  private instances = 0;
  /** Bookmark names: Word wants letters, digits and underscores, so anchors are numbered. */
  private bookmarks = new Map<string, string>();

  constructor(
    private source: ExportSource,
    private outline: Outline,
  ) {
    outline.toc.forEach((e, i) => this.bookmarks.set(e.anchor, `titre_${i + 1}`));
  }

  private commentId = (thread: number) => thread * 1000;

  private inline(runs: Run[], code = false): ParagraphChild[] {
    const out: ParagraphChild[] = [];
    for (const run of runs) {
      if (run.kind === "start") out.push(new CommentRangeStart(this.commentId(run.thread)));
      else if (run.kind === "end")
        out.push(new CommentRangeEnd(this.commentId(run.thread)), new TextRun({ children: [new CommentReference(this.commentId(run.thread))] }));
      else if (run.kind === "break") out.push(new TextRun({ break: 1 }));
      else {
        const m = run.marks;
        const href = linkOf(m);
        const lines = run.text.split("\n");
        const texts = lines.map(
          (line, i) =>
            new TextRun({
              text: line,
              break: i > 0 ? 1 : undefined,
              bold: hasMark(m, "bold") || undefined,
              italics: hasMark(m, "italic") || undefined,
              underline: hasMark(m, "underline") || href ? {} : undefined,
              strike: hasMark(m, "strike") || undefined,
              highlight: hasMark(m, "highlight") ? "yellow" : undefined,
              font: code || hasMark(m, "code") ? "Courier New" : undefined,
              style: href ? "Hyperlink" : undefined,
            }),
        );
        out.push(...(href ? [new ExternalHyperlink({ link: href, children: texts })] : texts));
      }
    }
    return out;
  }

  private paragraph(ctx: Context, options: IParagraphOptions): Paragraph {
    const list = ctx.lists.at(-1);
    const level = ctx.lists.length - 1;
    const quoteIndent = ctx.quote * INDENT;
    const numbered =
      list?.kind === "bullet"
        ? { bullet: { level } }
        : list?.kind === "ordered"
          ? { numbering: { reference: "ordered", level, instance: list.instance } }
          : {};
    return new Paragraph({
      ...numbered,
      ...(list?.kind === "task" || (!list && quoteIndent) ? { indent: { left: quoteIndent + ctx.lists.length * INDENT } } : {}),
      ...(ctx.quote ? { border: { left: { style: BorderStyle.SINGLE, size: 12, color: "929292", space: 8 } } } : {}),
      ...(ctx.code ? { shading: { type: ShadingType.CLEAR, fill: "EEEEEE", color: "auto" } } : {}),
      ...options,
    });
  }

  private blocks(node: Node, ctx: Context): Block[] {
    const out: Block[] = [];
    node.forEach((child) => out.push(...this.block(child, ctx)));
    return out;
  }

  private block(node: Node, ctx: Context): Block[] {
    const align = ALIGN[node.attrs.textAlign as string];
    switch (node.type.name) {
      case "paragraph":
        return [this.paragraph(ctx, { alignment: align, children: this.inline(this.outline.runs(node)) })];
      case "heading": {
        const anchor = this.outline.anchorOf(node);
        const children = this.inline(this.outline.runs(node));
        const name = anchor && this.bookmarks.get(anchor);
        return [
          this.paragraph(ctx, {
            heading: HEADINGS[(node.attrs.level as number) - 1],
            alignment: align,
            children: name ? [new Bookmark({ id: name, children })] : children,
          }),
        ];
      }
      case "codeBlock":
        return [this.paragraph({ ...ctx, code: true }, { children: this.inline(this.outline.runs(node), true) })];
      case "blockquote":
        return this.blocks(node, { ...ctx, quote: ctx.quote + 1 });
      case "bulletList":
        return this.blocks(node, { ...ctx, lists: [...ctx.lists, { kind: "bullet", instance: 0 }] });
      case "orderedList":
        return this.blocks(node, { ...ctx, lists: [...ctx.lists, { kind: "ordered", instance: ++this.instances }] });
      case "taskList":
        return this.blocks(node, { ...ctx, lists: [...ctx.lists, { kind: "task", instance: 0 }] });
      case "listItem":
      case "taskItem":
        return this.listItem(node, ctx);
      case "horizontalRule":
        return [new Paragraph({ border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: "929292", space: 1 } }, children: [] })];
      case "image": {
        const image = this.source.images.get(node.attrs.src as string);
        if (!image) return node.attrs.alt ? [this.paragraph(ctx, { children: [new TextRun({ text: String(node.attrs.alt), italics: true })] })] : [];
        const { width, height } = fitWidth(image, PAGE_WIDTH_PX);
        return [
          this.paragraph(ctx, {
            children: [
              new ImageRun({ type: image.ext, data: image.data, transformation: { width, height }, altText: { name: String(node.attrs.alt ?? ""), description: String(node.attrs.alt ?? ""), title: String(node.attrs.title ?? "") } }),
            ],
          }),
        ];
      }
      case "table":
        return [this.table(node), new Paragraph({ children: [] })];
      default:
        return this.blocks(node, ctx);
    }
  }

  /** An item's first paragraph carries its bullet or number; what follows it is indented under it. */
  private listItem(node: Node, ctx: Context): Block[] {
    const out: Block[] = [];
    const task = node.type.name === "taskItem";
    node.forEach((child, _offset, index) => {
      if (index === 0 && child.type.name === "paragraph") {
        const prefix = task ? [new TextRun(taskMark(!!node.attrs.checked))] : [];
        out.push(this.paragraph(ctx, { children: [...prefix, ...this.inline(this.outline.runs(child))] }));
      } else {
        const nested = ["bulletList", "orderedList", "taskList"].includes(child.type.name);
        out.push(...this.block(child, nested ? ctx : { ...ctx, lists: [], quote: ctx.quote + ctx.lists.length }));
      }
    });
    return out;
  }

  private table(node: Node): Table {
    const rows: TableRow[] = [];
    node.forEach((row, _o, r) => {
      const cells: TableCell[] = [];
      row.forEach((cell) => {
        const content = this.blocks(cell, { lists: [], quote: 0 });
        const header = cell.type.name === "tableHeader";
        cells.push(
          new TableCell({
            columnSpan: (cell.attrs.colspan as number) > 1 ? (cell.attrs.colspan as number) : undefined,
            rowSpan: (cell.attrs.rowspan as number) > 1 ? (cell.attrs.rowspan as number) : undefined,
            shading: header ? { type: ShadingType.CLEAR, fill: "E3E3FD", color: "auto" } : undefined,
            children: content.length ? content : [new Paragraph({ children: [] })],
          }),
        );
      });
      rows.push(new TableRow({ tableHeader: r === 0 && row.firstChild?.type.name === "tableHeader", children: cells }));
    });
    return new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } });
  }

  private cover(): Paragraph[] {
    const { source, outline } = this;
    // Threads whose words are gone hang on the title.
    const runs: Run[] = [
      ...outline.unplaced.map((thread) => ({ kind: "start", thread }) as Run),
      { kind: "text", text: source.title, marks: [] },
      ...outline.unplaced.map((thread) => ({ kind: "end", thread }) as Run),
    ];
    const facts = (Object.keys(COVER_LABELS) as (keyof typeof COVER_LABELS)[]).map(
      (k) => new Paragraph({ children: [new TextRun({ text: `${COVER_LABELS[k]} : `, bold: true }), new TextRun(source.cover[k])] }),
    );
    return [new Paragraph({ heading: HeadingLevel.TITLE, children: this.inline(runs) }), ...facts];
  }

  private toc(): Paragraph[] {
    if (this.outline.toc.length === 0) return [];
    return [
      new Paragraph({ heading: HeadingLevel.HEADING_1, pageBreakBefore: true, children: [new TextRun(TOC_TITLE)] }),
      ...this.outline.toc.map(
        (e) =>
          new Paragraph({
            indent: { left: (e.level - 1) * INDENT },
            children: [new InternalHyperlink({ anchor: this.bookmarks.get(e.anchor)!, children: [new TextRun({ text: e.text, style: "Hyperlink" })] })],
          }),
      ),
    ];
  }

  private comments(): ICommentOptions[] {
    return this.source.threads.flatMap((t, thread) =>
      t.comments.map((c, i) => ({
        id: this.commentId(thread) + i,
        parentId: i > 0 ? this.commentId(thread) : undefined,
        author: c.author,
        initials: c.author.split(/\s+/).map((w) => w[0] ?? "").join("").slice(0, 3),
        date: c.at,
        children: c.body.split("\n").map((line) => new Paragraph({ children: [new TextRun(line)] })),
      })),
    );
  }

  async render(): Promise<Uint8Array> {
    const body = this.blocks(this.source.doc, { lists: [], quote: 0 });
    const document = new Document({
      title: this.source.title,
      creator: this.source.cover.committee,
      comments: { children: this.comments() },
      numbering: {
        config: [
          {
            reference: "ordered",
            levels: Array.from({ length: 9 }, (_, level) => ({
              level,
              format: LevelFormat.DECIMAL,
              text: `%${level + 1}.`,
              alignment: AlignmentType.START,
              style: { paragraph: { indent: { left: INDENT * (level + 1), hanging: 360 } } },
            })),
          },
        ],
      },
      sections: [
        {
          footers: {
            default: new Footer({
              children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ["Page ", PageNumber.CURRENT, " sur ", PageNumber.TOTAL_PAGES] })] })],
            }),
          },
          children: [...this.cover(), ...this.toc(), new Paragraph({ pageBreakBefore: true, children: [] }), ...body],
        },
      ],
    });
    return new Uint8Array(await Packer.toBuffer(document));
  }
}

export const renderDocx = (source: ExportSource, outline: Outline) => new DocxWriter(source, outline).render();
