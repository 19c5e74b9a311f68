/**
 * ODT export, written as OpenDocument XML and zipped with fflate. No maintained JavaScript library
 * writes ODF text documents (the npm ones are unmaintained or template fillers), and the format is
 * plain, documented XML: headings with outline levels (LibreOffice's navigator and PDF export use
 * them), a contents list linking to bookmarks, page numbers in the footer, images in Pictures/,
 * and open comments as ODF annotations spanning their passage.
 */
import { escapeHtml as escapeXml } from "@atelier/editor";
import type { Mark, Node } from "@tiptap/pm/model";
import { strToU8, zipSync, type Zippable } from "fflate";
import { tableGrid } from "./grid.js";
import { hasMark, linkOf, type Outline, type Run } from "./outline.js";
import { fitWidth } from "./sizes.js";
import type { ExportSource } from "./source.js";
import { COVER_LABELS, TOC_TITLE, taskMark } from "./words.js";

const NS = [
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"',
  'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"',
  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"',
  'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"',
  'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"',
  'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"',
  'xmlns:xlink="http://www.w3.org/1999/xlink"',
  'xmlns:dc="http://purl.org/dc/elements/1.1/"',
  'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"',
  'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"',
].join(" ");
const MIME = "application/vnd.oasis.opendocument.text";
const ALIGN: Record<string, string> = { left: "start", center: "center", right: "end", justify: "justify" };
/** Text width of an A4 page with 2 cm margins. */
const TEXT_WIDTH_CM = 17;
const HEADING_SIZES = ["20pt", "16pt", "14pt", "12pt", "11pt", "11pt"];

/** Text as ODF wants it: runs of spaces, tabs and line breaks are elements, or they collapse. */
function textXml(text: string): string {
  return text
    .split("\n")
    .map((line) =>
      escapeXml(line)
        .replace(/\t/g, "<text:tab/>")
        .replace(/ {2,}/g, (m) => ` <text:s text:c="${m.length - 1}"/>`)
        .replace(/^ /, '<text:s/>'),
    )
    .join("<text:line-break/>");
}

const px2cm = (px: number) => `${((px / 96) * 2.54).toFixed(3)}cm`;

class OdtWriter {
  private textStyles = new Map<string, string>();
  private paragraphStyles = new Map<string, string>();
  private pictures: Zippable = {};
  private tables = 0;

  constructor(
    private source: ExportSource,
    private outline: Outline,
  ) {}

  /** An automatic text style per combination of marks. */
  private textStyle(marks: readonly Mark[]): string | null {
    const props = [
      hasMark(marks, "bold") && 'fo:font-weight="bold"',
      hasMark(marks, "italic") && 'fo:font-style="italic"',
      (hasMark(marks, "underline") || linkOf(marks)) && 'style:text-underline-style="solid" style:text-underline-width="auto" style:text-underline-color="font-color"',
      hasMark(marks, "strike") && 'style:text-line-through-style="solid"',
      hasMark(marks, "highlight") && 'fo:background-color="#fff3a0"',
      hasMark(marks, "code") && 'style:font-name="Courier New"',
    ].filter(Boolean);
    if (props.length === 0) return null;
    const key = props.join(" ");
    let name = this.textStyles.get(key);
    if (!name) this.textStyles.set(key, (name = `T${this.textStyles.size + 1}`));
    return name;
  }

  /** An automatic paragraph style: a common style with an alignment. */
  private paragraphStyle(parent: string, align: unknown): string {
    const textAlign = ALIGN[align as string];
    if (!textAlign) return parent;
    const key = `${parent}|${textAlign}`;
    let name = this.paragraphStyles.get(key);
    if (!name) this.paragraphStyles.set(key, (name = `P${this.paragraphStyles.size + 1}`));
    return name;
  }

  private inline(runs: Run[]): string {
    let out = "";
    for (const run of runs) {
      if (run.kind === "start") out += this.annotation(run.thread);
      else if (run.kind === "end") out += `<office:annotation-end office:name="commentaire-${run.thread + 1}"/>`;
      else if (run.kind === "break") out += "<text:line-break/>";
      else {
        const style = this.textStyle(run.marks);
        let xml = textXml(run.text);
        if (style) xml = `<text:span text:style-name="${style}">${xml}</text:span>`;
        const href = linkOf(run.marks);
        if (href) xml = `<text:a xlink:type="simple" xlink:href="${escapeXml(href)}">${xml}</text:a>`;
        out += xml;
      }
    }
    return out;
  }

  /** One annotation per thread, by its first author; replies follow in it with their authors' names. */
  private annotation(thread: number): string {
    const t = this.source.threads[thread]!;
    const [first, ...replies] = t.comments;
    const paragraphs = [
      ...first!.body.split("\n").map((l) => `<text:p>${textXml(l)}</text:p>`),
      ...replies.map((r) => `<text:p>${textXml(`${r.author} : ${r.body}`)}</text:p>`),
    ].join("");
    return `<office:annotation office:name="commentaire-${thread + 1}"><dc:creator>${escapeXml(first!.author)}</dc:creator><dc:date>${first!.at.toISOString()}</dc:date>${paragraphs}</office:annotation>`;
  }

  private blocks(node: Node, quote: boolean): string {
    let out = "";
    node.forEach((child) => (out += this.block(child, quote)));
    return out;
  }

  private block(node: Node, quote: boolean): string {
    const body = quote ? "Quotations" : "Text_20_body";
    switch (node.type.name) {
      case "paragraph":
        return `<text:p text:style-name="${this.paragraphStyle(body, node.attrs.textAlign)}">${this.inline(this.outline.runs(node))}</text:p>`;
      case "heading": {
        const level = node.attrs.level as number;
        const anchor = this.outline.anchorOf(node);
        const inner = this.inline(this.outline.runs(node));
        const marked = anchor ? `<text:bookmark-start text:name="${anchor}"/>${inner}<text:bookmark-end text:name="${anchor}"/>` : inner;
        return `<text:h text:style-name="${this.paragraphStyle(`Heading_20_${level}`, node.attrs.textAlign)}" text:outline-level="${level}">${marked}</text:h>`;
      }
      case "codeBlock":
        return `<text:p text:style-name="Preformatted_20_Text">${this.inline(this.outline.runs(node))}</text:p>`;
      case "blockquote":
        return this.blocks(node, true);
      case "bulletList":
      case "orderedList":
      case "taskList":
        return this.list(node, quote);
      case "horizontalRule":
        return '<text:p text:style-name="Horizontal_20_Line"/>';
      case "image":
        return this.image(node, body);
      case "table":
        return this.table(node);
      default:
        return this.blocks(node, quote);
    }
  }

  private list(node: Node, quote: boolean): string {
    const style = { bulletList: "Liste_puces", orderedList: "Liste_numeros", taskList: "Liste_taches" }[node.type.name];
    let items = "";
    node.forEach((item, _o, i) => {
      const start = i === 0 && node.type.name === "orderedList" && node.attrs.start !== 1 ? ` text:start-value="${node.attrs.start}"` : "";
      let inner = this.blocks(item, quote);
      // A task's state opens its first paragraph.
      if (item.type.name === "taskItem") inner = inner.replace(/^(<text:p[^>]*>)/, `$1${taskMark(!!item.attrs.checked)}`);
      items += `<text:list-item${start}>${inner}</text:list-item>`;
    });
    return `<text:list text:style-name="${style}">${items}</text:list>`;
  }

  private image(node: Node, paragraphStyle: string): string {
    const image = this.source.images.get(node.attrs.src as string);
    const alt = escapeXml(String(node.attrs.alt ?? ""));
    if (!image) return alt ? `<text:p text:style-name="${paragraphStyle}">${alt}</text:p>` : "";
    const path = `Pictures/image${Object.keys(this.pictures).length + 1}.${image.ext}`;
    this.pictures[path] = [image.data, { level: 0 }];
    const size = fitWidth(image, (TEXT_WIDTH_CM / 2.54) * 96);
    return (
      `<text:p text:style-name="${paragraphStyle}"><draw:frame draw:name="${path}" text:anchor-type="as-char" svg:width="${px2cm(size.width)}" svg:height="${px2cm(size.height)}">` +
      `<draw:image xlink:href="${path}" xlink:type="simple" xlink:show="embed" xlink:actuate="onLoad"/>${alt ? `<svg:title>${alt}</svg:title>` : ""}</draw:frame></text:p>`
    );
  }

  private table(node: Node): string {
    const { rows, columns } = tableGrid(node);
    const name = `Tableau${++this.tables}`;
    const cells = (row: (typeof rows)[number]) =>
      row
        .map((slot) => {
          if ("covered" in slot) return "<table:covered-table-cell/>";
          const spans = `${slot.colspan > 1 ? ` table:number-columns-spanned="${slot.colspan}"` : ""}${slot.rowspan > 1 ? ` table:number-rows-spanned="${slot.rowspan}"` : ""}`;
          const content = this.blocks(slot.cell, false) || "<text:p/>";
          return `<table:table-cell table:style-name="Cellule" office:value-type="string"${spans}>${content}</table:table-cell>`;
        })
        .join("");
    let header = 0;
    while (header < node.childCount && node.child(header).firstChild?.type.name === "tableHeader") header++;
    const xmlRows = rows.map((r) => `<table:table-row>${cells(r)}</table:table-row>`);
    const head = header ? `<table:table-header-rows>${xmlRows.slice(0, header).join("")}</table:table-header-rows>` : "";
    return `<table:table table:name="${name}" table:style-name="Tableau"><table:table-column table:number-columns-repeated="${columns}"/>${head}${xmlRows.slice(header).join("")}</table:table>`;
  }

  private cover(): string {
    const { source, outline } = this;
    const runs: Run[] = [
      ...outline.unplaced.map((thread): Run => ({ kind: "start", thread })),
      { kind: "text", text: source.title, marks: [] },
      ...outline.unplaced.map((thread): Run => ({ kind: "end", thread })),
    ];
    const facts = (Object.keys(COVER_LABELS) as (keyof typeof COVER_LABELS)[])
      .map((k) => `<text:p text:style-name="Text_20_body"><text:span text:style-name="Gras">${COVER_LABELS[k]} : </text:span>${textXml(source.cover[k])}</text:p>`)
      .join("");
    return `<text:p text:style-name="Title">${this.inline(runs)}</text:p>${facts}`;
  }

  private toc(): string {
    if (this.outline.toc.length === 0) return "";
    const entries = this.outline.toc
      .map((e) => `<text:p text:style-name="Sommaire_${Math.min(e.level, 6)}"><text:a xlink:type="simple" xlink:href="#${e.anchor}">${textXml(e.text)}</text:a></text:p>`)
      .join("");
    return `<text:p text:style-name="Titre_sommaire">${TOC_TITLE}</text:p>${entries}`;
  }

  private automaticStyles(): string {
    const text = [...this.textStyles].map(([props, name]) => `<style:style style:name="${name}" style:family="text"><style:text-properties ${props}/></style:style>`);
    const paragraphs = [...this.paragraphStyles].map(([key, name]) => {
      const [parent, align] = key.split("|");
      return `<style:style style:name="${name}" style:family="paragraph" style:parent-style-name="${parent}"><style:paragraph-properties fo:text-align="${align}"/></style:style>`;
    });
    return [...text, ...paragraphs].join("");
  }

  render(): Uint8Array {
    // The body first: it names the automatic styles and pictures the rest declares.
    const body = this.cover() + this.toc() + `<text:p text:style-name="Debut_texte"/>` + this.blocks(this.source.doc, false);
    const content = `<?xml version="1.0" encoding="UTF-8"?>
<office:document-content ${NS} office:version="1.3"><office:font-face-decls><style:font-face style:name="Courier New" svg:font-family="'Courier New'" style:font-family-generic="modern" style:font-pitch="fixed"/></office:font-face-decls><office:automatic-styles>${this.automaticStyles()}</office:automatic-styles><office:body><office:text>${body}</office:text></office:body></office:document-content>`;
    const meta = `<?xml version="1.0" encoding="UTF-8"?>
<office:document-meta ${NS} office:version="1.3"><office:meta><dc:title>${escapeXml(this.source.title)}</dc:title><meta:generator>Atelier</meta:generator><dc:subject>${escapeXml(this.source.cover.kind)}</dc:subject></office:meta></office:document-meta>`;
    const files = ["content.xml", "styles.xml", "meta.xml", ...Object.keys(this.pictures)];
    const manifest = `<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="${MIME}"/>${files
      .map((f) => `<manifest:file-entry manifest:full-path="${f}" manifest:media-type="${f.endsWith(".xml") ? "text/xml" : `image/${f.endsWith(".jpg") ? "jpeg" : f.split(".").pop()}`}"/>`)
      .join("")}</manifest:manifest>`;
    // The mimetype comes first and uncompressed: that is how a reader recognises an ODF package.
    return zipSync(
      {
        mimetype: [strToU8(MIME), { level: 0 }],
        "META-INF/manifest.xml": strToU8(manifest),
        "content.xml": strToU8(content),
        "styles.xml": strToU8(STYLES),
        "meta.xml": strToU8(meta),
        ...this.pictures,
      },
      { level: 6 },
    );
  }
}

const headingStyles = HEADING_SIZES.map(
  (size, i) =>
    `<style:style style:name="Heading_20_${i + 1}" style:display-name="Heading ${i + 1}" style:family="paragraph" style:parent-style-name="Heading" style:next-style-name="Text_20_body" style:default-outline-level="${i + 1}" style:class="text"><style:text-properties fo:font-size="${size}" fo:font-weight="bold"/></style:style>`,
).join("");
const tocStyles = Array.from(
  { length: 6 },
  (_, i) => `<style:style style:name="Sommaire_${i + 1}" style:display-name="Sommaire ${i + 1}" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:margin-left="${i * 0.5}cm" fo:margin-bottom="0.1cm"/></style:style>`,
).join("");
const listLevels = (kind: "bullet" | "number" | "none") =>
  Array.from({ length: 10 }, (_, i) => {
    const level = i + 1;
    const position = `<style:list-level-properties text:list-level-position-and-space-mode="label-alignment"><style:list-level-label-alignment text:label-followed-by="listtab" fo:text-indent="-0.5cm" fo:margin-left="${0.6 * level + 0.4}cm"/></style:list-level-properties>`;
    if (kind === "bullet") return `<text:list-level-style-bullet text:level="${level}" text:bullet-char="•">${position}</text:list-level-style-bullet>`;
    return `<text:list-level-style-number text:level="${level}" style:num-format="${kind === "number" ? "1" : ""}" ${kind === "number" ? 'style:num-suffix="."' : ""}>${position}</text:list-level-style-number>`;
  }).join("");

const STYLES = `<?xml version="1.0" encoding="UTF-8"?>
<office:document-styles ${NS} office:version="1.3"><office:font-face-decls><style:font-face style:name="Courier New" svg:font-family="'Courier New'" style:font-family-generic="modern" style:font-pitch="fixed"/></office:font-face-decls><office:styles>
<style:default-style style:family="paragraph"><style:text-properties fo:language="fr" fo:country="FR" fo:font-size="11pt"/></style:default-style>
<style:style style:name="Standard" style:family="paragraph" style:class="text"/>
<style:style style:name="Text_20_body" style:display-name="Text body" style:family="paragraph" style:parent-style-name="Standard" style:class="text"><style:paragraph-properties fo:margin-bottom="0.2cm" fo:line-height="115%"/></style:style>
<style:style style:name="Heading" style:family="paragraph" style:parent-style-name="Standard" style:next-style-name="Text_20_body" style:class="text"><style:paragraph-properties fo:margin-top="0.4cm" fo:margin-bottom="0.2cm" fo:keep-with-next="always"/></style:style>
${headingStyles}
<style:style style:name="Title" style:family="paragraph" style:parent-style-name="Heading" style:class="chapter"><style:paragraph-properties fo:margin-top="5cm" fo:margin-bottom="1cm"/><style:text-properties fo:font-size="26pt" fo:font-weight="bold" fo:color="#000091"/></style:style>
<style:style style:name="Titre_sommaire" style:display-name="Titre du sommaire" style:family="paragraph" style:parent-style-name="Heading"><style:paragraph-properties fo:break-before="page"/><style:text-properties fo:font-size="20pt" fo:font-weight="bold"/></style:style>
${tocStyles}
<style:style style:name="Debut_texte" style:display-name="Début du texte" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:break-before="page"/></style:style>
<style:style style:name="Quotations" style:family="paragraph" style:parent-style-name="Text_20_body" style:class="html"><style:paragraph-properties fo:margin-left="1cm" fo:padding-left="0.3cm" fo:border-left="0.06cm solid #929292"/></style:style>
<style:style style:name="Preformatted_20_Text" style:display-name="Preformatted Text" style:family="paragraph" style:parent-style-name="Standard" style:class="html"><style:paragraph-properties fo:background-color="#eeeeee" fo:margin-bottom="0.2cm"/><style:text-properties style:font-name="Courier New" fo:font-size="10pt"/></style:style>
<style:style style:name="Horizontal_20_Line" style:display-name="Horizontal Line" style:family="paragraph" style:parent-style-name="Standard" style:class="html"><style:paragraph-properties fo:margin-bottom="0.3cm" fo:border-bottom="0.03cm solid #929292" fo:padding="0cm"/><style:text-properties fo:font-size="6pt"/></style:style>
<style:style style:name="Footer" style:family="paragraph" style:parent-style-name="Standard" style:class="extra"><style:paragraph-properties fo:text-align="center"/><style:text-properties fo:font-size="9pt"/></style:style>
<style:style style:name="Gras" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
<style:style style:name="Tableau" style:family="table"><style:table-properties style:width="${TEXT_WIDTH_CM}cm" table:align="left" fo:margin-bottom="0.3cm"/></style:style>
<style:style style:name="Cellule" style:family="table-cell"><style:table-cell-properties fo:padding="0.1cm" fo:border="0.03cm solid #929292"/></style:style>
<text:list-style style:name="Liste_puces">${listLevels("bullet")}</text:list-style>
<text:list-style style:name="Liste_numeros">${listLevels("number")}</text:list-style>
<text:list-style style:name="Liste_taches">${listLevels("none")}</text:list-style>
</office:styles>
<office:automatic-styles><style:page-layout style:name="A4"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="2cm" fo:margin-bottom="1.5cm" fo:margin-left="2cm" fo:margin-right="2cm" style:print-orientation="portrait"/><style:footer-style><style:header-footer-properties fo:min-height="0.8cm" fo:margin-top="0.4cm"/></style:footer-style></style:page-layout></office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="A4"><style:footer><text:p text:style-name="Footer">Page <text:page-number text:select-page="current"/> sur <text:page-count/></text:p></style:footer></style:master-page></office:master-styles>
</office:document-styles>`;

export const renderOdt = (source: ExportSource, outline: Outline) => new OdtWriter(source, outline).render();
