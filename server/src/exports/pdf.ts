/**
 * PDF export with pdfmake (on pdfkit): a cover page, the table of contents pdfmake numbers itself,
 * page numbers in the footer, images embedded, and open comments as numbered end notes, their number
 * set after the passage they are about. Fonts are the Roboto files pdfmake
 * ships (the product needs nothing installed); code uses the PDF's own Courier. Nothing is fetched:
 * pdfmake may read its font files only, and no address.
 */
import type { Node } from "@tiptap/pm/model";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import pdfmake, { type Content, type TDocumentDefinitions } from "pdfmake";
import { hasMark, linkOf, type Outline, type Run } from "./outline.js";
import { tableGrid } from "./grid.js";
import { fitWidth } from "./sizes.js";
import type { ExportSource } from "./source.js";
import { COMMENTS_TITLE, commentHeading, COVER_LABELS, TOC_TITLE } from "./words.js";

const require = createRequire(import.meta.url);
const ROBOTO: Record<string, Record<string, string>> = require("pdfmake/fonts/Roboto.js");
const FONT_DIR = dirname(ROBOTO.Roboto!.normal!);
const COURIER = { normal: "Courier", bold: "Courier-Bold", italics: "Courier-Oblique", bolditalics: "Courier-BoldOblique" };
const STANDARD_FONTS = new Set(Object.values(COURIER));
pdfmake.setFonts({ ...ROBOTO, Courier: COURIER });
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((path) => path.startsWith(FONT_DIR) || STANDARD_FONTS.has(path));

/** A4 text width with pdfmake's default margins, in points; images are given at 96 dpi. */
const TEXT_WIDTH_PT = 515;
const PX_TO_PT = 0.75;
const BLUE = "#000091";

class PdfWriter {
  constructor(
    private source: ExportSource,
    private outline: Outline,
  ) {}

  private inline(runs: Run[], code = false): Content[] {
    const out: Content[] = [];
    for (const run of runs) {
      if (run.kind === "start") continue;
      if (run.kind === "end") out.push({ text: `[${run.thread + 1}]`, sup: true, color: BLUE });
      else if (run.kind === "break") out.push({ text: "\n" });
      else {
        const m = run.marks;
        const href = linkOf(m);
        const decoration = [hasMark(m, "underline") || href ? "underline" : null, hasMark(m, "strike") ? "lineThrough" : null].filter(
          (d): d is "underline" | "lineThrough" => d !== null,
        );
        out.push({
          text: run.text,
          bold: hasMark(m, "bold") || undefined,
          italics: hasMark(m, "italic") || undefined,
          decoration: decoration.length ? decoration : undefined,
          background: hasMark(m, "highlight") ? "#fff3a0" : undefined,
          font: code || hasMark(m, "code") ? "Courier" : undefined,
          link: href,
          color: href ? BLUE : undefined,
        });
      }
    }
    // An empty paragraph still takes its line.
    return out.length ? out : [{ text: " " }];
  }

  private blocks(node: Node): Content[] {
    const out: Content[] = [];
    node.forEach((child) => {
      const c = this.block(child);
      if (c) out.push(c);
    });
    return out;
  }

  private block(node: Node): Content | null {
    const alignment = node.attrs.textAlign as string | undefined;
    switch (node.type.name) {
      case "paragraph":
        return { text: this.inline(this.outline.runs(node)), alignment: alignment ?? undefined, margin: [0, 0, 0, 6] };
      case "heading": {
        const level = node.attrs.level as number;
        const anchor = this.outline.anchorOf(node);
        return {
          text: this.inline(this.outline.runs(node)),
          style: `h${level}`,
          alignment: alignment ?? undefined,
          ...(anchor ? { tocItem: true, id: anchor, tocMargin: [(level - 1) * 12, 0, 0, 2] } : {}),
        };
      }
      case "codeBlock":
        return {
          table: { widths: ["*"], body: [[{ text: this.inline(this.outline.runs(node), true), fillColor: "#eeeeee" }]] },
          layout: "noBorders",
          margin: [0, 0, 0, 6],
        };
      case "blockquote":
        return {
          table: { widths: ["*"], body: [[{ stack: this.blocks(node) }]] },
          layout: { hLineWidth: () => 0, vLineWidth: (i: number) => (i === 0 ? 2 : 0), vLineColor: () => "#929292", paddingLeft: () => 10 },
          margin: [0, 0, 0, 6],
        };
      case "bulletList":
        return { ul: this.items(node), margin: [0, 0, 0, 6] };
      case "orderedList":
        return { ol: this.items(node), start: (node.attrs.start as number) ?? 1, margin: [0, 0, 0, 6] };
      case "taskList":
        return { ul: this.items(node), type: "none", margin: [0, 0, 0, 6] };
      case "horizontalRule":
        return { canvas: [{ type: "line", x1: 0, y1: 4, x2: TEXT_WIDTH_PT, y2: 4, lineWidth: 0.5, lineColor: "#929292" }], margin: [0, 4, 0, 8] };
      case "image": {
        const image = this.source.images.get(node.attrs.src as string);
        // pdfkit draws PNG and JPEG only.
        if (!image || (image.ext !== "png" && image.ext !== "jpg")) return node.attrs.alt ? { text: String(node.attrs.alt), italics: true } : null;
        const { width } = fitWidth({ width: image.width * PX_TO_PT, height: image.height * PX_TO_PT }, TEXT_WIDTH_PT);
        const mime = image.ext === "png" ? "image/png" : "image/jpeg";
        return { image: `data:${mime};base64,${Buffer.from(image.data).toString("base64")}`, width, margin: [0, 0, 0, 6] };
      }
      case "table":
        return this.table(node);
      default:
        return { stack: this.blocks(node) };
    }
  }

  private items(list: Node): Content[] {
    const items: Content[] = [];
    list.forEach((item) => {
      const stack: Content = { stack: this.blocks(item) };
      // Roboto has no ballot box: a task's state is written in brackets, beside its text.
      items.push(item.type.name === "taskItem" ? { columns: [{ text: item.attrs.checked ? "[x]" : "[ ]", width: 20 }, stack] } : stack);
    });
    return items;
  }

  /** pdfmake wants every row full: the slots a span covers are empty placeholders. */
  private table(node: Node): Content {
    const { rows, columns } = tableGrid(node);
    let headerRows = 0;
    while (headerRows < node.childCount && node.child(headerRows).firstChild?.type.name === "tableHeader") headerRows++;
    const body = rows.map((row) =>
      row.map((slot): Content => {
        if ("covered" in slot) return {};
        const header = slot.cell.type.name === "tableHeader";
        return { stack: this.blocks(slot.cell), colSpan: slot.colspan, rowSpan: slot.rowspan, bold: header || undefined, fillColor: header ? "#e3e3fd" : undefined };
      }),
    );
    return { table: { headerRows, widths: Array(columns).fill("*"), body }, margin: [0, 0, 0, 8] };
  }

  private cover(): Content[] {
    const { source } = this;
    return [
      { text: source.title, style: "title", margin: [0, 160, 0, 24] },
      ...(Object.keys(COVER_LABELS) as (keyof typeof COVER_LABELS)[]).map(
        (k): Content => ({ text: [{ text: `${COVER_LABELS[k]} : `, bold: true }, source.cover[k]], margin: [0, 0, 0, 4] }),
      ),
      ...this.outline.unplaced.map((t): Content => ({ text: `[${t + 1}]`, sup: true, color: BLUE })),
    ];
  }

  private endNotes(): Content[] {
    if (this.source.threads.length === 0) return [];
    return [
      { text: COMMENTS_TITLE, style: "h1", pageBreak: "before" },
      ...this.source.threads.flatMap((t, i): Content[] => [
        { text: commentHeading(i, t.quote), bold: true, margin: [0, 6, 0, 2] },
        ...t.comments.map((c): Content => ({ text: [{ text: `${c.author} : `, italics: true }, c.body], margin: [12, 0, 0, 2] })),
      ]),
    ];
  }

  render(): Promise<Uint8Array> {
    const definition: TDocumentDefinitions = {
      info: { title: this.source.title, creator: "Atelier", subject: this.source.cover.kind },
      pageSize: "A4",
      defaultStyle: { font: "Roboto", fontSize: 11, lineHeight: 1.2 },
      styles: {
        title: { fontSize: 26, bold: true, color: BLUE },
        h1: { fontSize: 20, bold: true, margin: [0, 12, 0, 6] },
        h2: { fontSize: 16, bold: true, margin: [0, 10, 0, 4] },
        h3: { fontSize: 14, bold: true, margin: [0, 8, 0, 4] },
        h4: { fontSize: 12, bold: true, margin: [0, 6, 0, 2] },
        h5: { fontSize: 11, bold: true, margin: [0, 6, 0, 2] },
        h6: { fontSize: 11, bold: true, italics: true, margin: [0, 6, 0, 2] },
      },
      footer: (page: number, pages: number) => ({ text: `Page ${page} sur ${pages}`, alignment: "center", fontSize: 9, margin: [0, 12, 0, 0] }),
      content: [
        ...this.cover(),
        ...(this.outline.toc.length ? [{ toc: { title: { text: TOC_TITLE, style: "h1" } }, pageBreak: "before" }] : []),
        { stack: this.blocks(this.source.doc), pageBreak: "before" },
        ...this.endNotes(),
      ],
    };
    return pdfmake
      .createPdf(definition)
      .getBuffer()
      .then((b: Buffer) => new Uint8Array(b));
  }
}

export const renderPdf = (source: ExportSource, outline: Outline) => new PdfWriter(source, outline).render();
