/**
 * Office files: OOXML (DOCX, XLSX, PPTX) and OpenDocument (ODT, ODS, ODP) are zips of XML; which one
 * a zip is, is told by its entries. A password-protected OOXML file is not a zip at all but an OLE
 * container holding an "EncryptedPackage" stream.
 */
import { Parser } from "htmlparser2";
import { markupText, type MarkupRules } from "./markup.js";
import type { TextSink } from "./sink.js";
import { REASONS, Unreadable } from "./unreadable.js";
import { openZip, type SafeZip } from "./zip.js";

const set = (...names: string[]) => new Set(names);

// Properties hold <w:tab> stops, and mc:Fallback repeats what mc:Choice already says.
const DOCX: MarkupRules = {
  xml: true,
  inside: set("w:t"),
  skip: set("w:pPr", "w:rPr", "mc:Fallback"),
  lines: set("w:p"),
  tabs: set("w:tab"),
  breaks: set("w:br", "w:cr"),
};
const PPTX: MarkupRules = { xml: true, inside: set("a:t"), skip: set("mc:Fallback"), lines: set("a:p"), breaks: set("a:br") };
// Comments and tracked deletions are not the document's text.
const ODF: MarkupRules = {
  xml: true,
  inside: set("text:p", "text:h"),
  skip: set("office:annotation", "text:tracked-changes"),
  lines: set("text:p", "text:h"),
  tabs: set("text:tab"),
  breaks: set("text:line-break"),
  spaces: "text:s",
};

/** Entries named prefix + number + ".xml", in number order (slides, sheets). */
function numbered(zip: SafeZip, prefix: string): string[] {
  const pattern = new RegExp(`^${prefix}(\\d+)\\.xml$`);
  const found = zip.names.flatMap((name) => {
    const m = pattern.exec(name);
    return m ? [{ name, n: Number(m[1]) }] : [];
  });
  return found.sort((a, b) => a.n - b.n).map((e) => e.name);
}

async function readInOrder(zip: SafeZip, names: string[], rules: MarkupRules, sink: TextSink) {
  const files = await zip.read((name) => names.includes(name));
  for (const name of names) {
    const xml = files.get(name);
    if (xml === undefined) continue;
    markupText(xml, rules, sink);
    sink.add("\n\n");
  }
}

/** Cells in sheet order, a tab between cells and a line per row; shared strings resolved. */
async function readWorkbook(zip: SafeZip, sink: TextSink) {
  const sheets = numbered(zip, "xl/worksheets/sheet");
  const files = await zip.read((name) => name === "xl/sharedStrings.xml" || sheets.includes(name));
  const strings: string[] = [];
  let current = "";
  let phonetic = 0;
  const shared = new Parser(
    {
      onopentag: (name) => {
        if (name === "si") current = "";
        if (name === "rPh") phonetic++;
      },
      ontext: (text) => {
        if (!phonetic) current += text;
      },
      onclosetag: (name) => {
        if (name === "si") strings.push(current);
        if (name === "rPh") phonetic--;
      },
    },
    { xmlMode: true },
  );
  shared.end(files.get("xl/sharedStrings.xml") ?? "");

  for (const sheet of sheets) {
    let type: string | undefined;
    let value = "";
    let inValue = false;
    const cells = new Parser(
      {
        onopentag: (name, attrs) => {
          if (name === "c") [type, value] = [attrs.t, ""];
          if (name === "v" || name === "t") inValue = true;
        },
        ontext: (text) => {
          if (inValue) value += text;
        },
        onclosetag: (name) => {
          if (name === "v" || name === "t") inValue = false;
          if (name === "c") sink.add((type === "s" ? (strings[Number(value)] ?? "") : value) + "\t");
          if (name === "row") sink.add("\n");
        },
      },
      { xmlMode: true },
    );
    cells.end(files.get(sheet) ?? "");
    sink.add("\n\n");
  }
}

export async function zipText(data: Buffer, budgetBytes: number, sink: TextSink) {
  const zip = await openZip(data, budgetBytes);
  const has = (name: string) => zip.names.includes(name);
  if (has("content.xml") && has("META-INF/manifest.xml")) {
    const manifest = (await zip.read((name) => name === "META-INF/manifest.xml")).get("META-INF/manifest.xml")!;
    if (manifest.includes("encryption-data")) throw new Unreadable(REASONS.encrypted);
    return readInOrder(zip, ["content.xml"], ODF, sink);
  }
  if (has("word/document.xml"))
    return readInOrder(zip, ["word/document.xml", "word/footnotes.xml", "word/endnotes.xml"], DOCX, sink);
  if (has("ppt/presentation.xml")) return readInOrder(zip, numbered(zip, "ppt/slides/slide"), PPTX, sink);
  if (has("xl/workbook.xml")) return readWorkbook(zip, sink);
  throw new Unreadable(REASONS.unsupported);
}

/** An OLE file is either a password-protected OOXML file or a legacy binary one (.doc, .xls, .ppt). */
export function oleText(data: Buffer): never {
  if (data.includes(Buffer.from("EncryptedPackage", "utf16le"))) throw new Unreadable(REASONS.encrypted);
  throw new Unreadable(REASONS.unsupported);
}
