/**
 * Office files as plain HTML for the library's preview (run in the preview process): DOCX through
 * mammoth; OpenDocument text, spreadsheets and presentations, XLSX and PPTX from their XML parts,
 * read with htmlparser2 in XML mode, keeping text, headings, lists and tables. The zip is read by the
 * sandbox's safe reader (../sandbox/zip.ts). The HTML is then sanitised by the caller.
 */
import { escapeHtml } from "@atelier/editor";
import { parseDocument } from "htmlparser2";
import mammoth from "mammoth";
import { openZip, ZipRefused, type SafeZip } from "../sandbox/zip.js";
import { REASONS, Refused } from "./preview-reasons.js";


// htmlparser2's tree types, without depending on domhandler itself.
type ChildNode = ReturnType<typeof parseDocument>["children"][number];
type Element = Extract<ChildNode, { name: string; attribs: Record<string, string> }>;

const ODF = /^application\/vnd\.oasis\.opendocument\./;

/** The zip's parts that `wanted` picks, as text; the reader's refusals in the preview's words. */
async function parts(zip: SafeZip, wanted: (name: string) => boolean): Promise<Record<string, string>> {
  const files = await zip.read(wanted).catch((e: unknown) => {
    throw e instanceof ZipRefused ? new Refused(REASONS[e.why]) : e;
  });
  return Object.fromEntries([...files].map(([name, bytes]) => [name, bytes.toString("utf8")]));
}

const elements = (nodes: ChildNode[]) => nodes.filter((n): n is Element => n.type === "tag");
const textOf = (node: ChildNode): string =>
  node.type === "text" ? (node as unknown as { data: string }).data : "children" in node ? (node.children as ChildNode[]).map(textOf).join("") : "";

/** ODF content.xml: headings, paragraphs, lists, tables, slides and sheets. */
function odfHtml(xml: string): string {
  const walk = (nodes: ChildNode[]): string =>
    elements(nodes)
      .map((el) => {
        switch (el.name) {
          case "text:h": {
            // The page's own title is the h1: a file's headings start at h2.
            const level = Math.min(6, (Number(el.attribs["text:outline-level"]) || 1) + 1);
            return `<h${level}>${inline(el.children)}</h${level}>`;
          }
          case "text:p":
            return `<p>${inline(el.children)}</p>`;
          case "text:list":
            return `<ul>${elements(el.children).map((li) => `<li>${walk(li.children)}</li>`).join("")}</ul>`;
          case "table:table":
            return `<table>${rows(el)}</table>`;
          case "draw:page":
            return `<section><h2>${escapeHtml(el.attribs["draw:name"] ?? "Diapositive")}</h2>${walk(el.children)}</section>`;
          case "office:annotation":
            return "";
          default:
            return walk(el.children);
        }
      })
      .join("");
  const inline = (nodes: ChildNode[]): string =>
    nodes
      .map((n) => {
        if (n.type === "text") return escapeHtml((n as unknown as { data: string }).data);
        if (n.type !== "tag") return "";
        const el = n as Element;
        if (el.name === "text:line-break") return "<br>";
        if (el.name === "text:s") return " ".repeat(Math.min(100, Number(el.attribs["text:c"] ?? 1)));
        if (el.name === "text:tab") return " ";
        if (el.name === "office:annotation") return "";
        return inline(el.children);
      })
      .join("");
  const rows = (table: Element): string => {
    const out: string[] = [];
    const visit = (nodes: ChildNode[]) => {
      for (const el of elements(nodes)) {
        if (el.name === "table:table-row") {
          // A spreadsheet repeats empty rows and cells by the thousand: they are shown once, at most.
          const cells = elements(el.children)
            .filter((c) => c.name === "table:table-cell")
            .map((c) => `<td>${walk(c.children)}</td>`);
          while (cells.length && cells.at(-1) === "<td></td>") cells.pop();
          if (cells.length) out.push(`<tr>${cells.join("")}</tr>`);
        } else visit(el.children);
        if (out.length >= 2000) return;
      }
    };
    visit(table.children);
    return out.join("");
  };
  return walk(parseDocument(xml, { xmlMode: true }).children);
}

/** XLSX: each sheet as a table, shared strings resolved. */
function xlsxHtml(files: Record<string, string>): string {
  const strings = elements(parseDocument(files["xl/sharedStrings.xml"] ?? "", { xmlMode: true }).children)
    .flatMap((sst) => elements(sst.children))
    .map((si) => textOf(si));
  const sheets = Object.keys(files)
    .filter((k) => /^xl\/worksheets\/sheet\d+\.xml$/.test(k))
    .sort((a, b) => Number(/(\d+)\.xml$/.exec(a)![1]) - Number(/(\d+)\.xml$/.exec(b)![1]));
  return sheets
    .map((name, i) => {
      const rows: string[] = [];
      const visit = (nodes: ChildNode[]) => {
        for (const el of elements(nodes)) {
          if (el.name === "row") {
            const cells = elements(el.children)
              .filter((c) => c.name === "c")
              .map((c) => {
                const v = textOf(elements(c.children).find((x) => x.name === "v" || x.name === "is") ?? ({ type: "text", data: "" } as unknown as ChildNode));
                return `<td>${escapeHtml(c.attribs.t === "s" ? (strings[Number(v)] ?? "") : v)}</td>`;
              });
            rows.push(`<tr>${cells.join("")}</tr>`);
          } else if (rows.length < 2000) visit(el.children);
        }
      };
      visit(parseDocument(files[name]!, { xmlMode: true }).children);
      return `<section><h2>Feuille ${i + 1}</h2><table>${rows.join("")}</table></section>`;
    })
    .join("");
}

/** PPTX: each slide's paragraphs, in order. */
function pptxHtml(files: Record<string, string>): string {
  const slides = Object.keys(files)
    .filter((k) => /^ppt\/slides\/slide\d+\.xml$/.test(k))
    .sort((a, b) => Number(/(\d+)\.xml$/.exec(a)![1]) - Number(/(\d+)\.xml$/.exec(b)![1]));
  return slides
    .map((name, i) => {
      const paragraphs: string[] = [];
      const visit = (nodes: ChildNode[]) => {
        for (const el of elements(nodes)) {
          if (el.name === "a:p") {
            const text = textOf(el).trim();
            if (text) paragraphs.push(`<p>${escapeHtml(text)}</p>`);
          } else visit(el.children);
        }
      };
      visit(parseDocument(files[name]!, { xmlMode: true }).children);
      return `<section><h2>Diapositive ${i + 1}</h2>${paragraphs.join("")}</section>`;
    })
    .join("");
}

export async function officeHtml(data: Buffer, mime: string, budget: number): Promise<string> {
  const zip = await openZip(data, budget).catch((e: unknown) => {
    throw e instanceof ZipRefused ? new Refused(REASONS[e.why]) : e;
  });
  if (ODF.test(mime)) return odfHtml((await parts(zip, (n) => n === "content.xml"))["content.xml"] ?? "");
  if (mime.endsWith("spreadsheetml.sheet")) return xlsxHtml(await parts(zip, (n) => n === "xl/sharedStrings.xml" || /^xl\/worksheets\/sheet\d+\.xml$/.test(n)));
  if (mime.endsWith("presentationml.presentation")) return pptxHtml(await parts(zip, (n) => /^ppt\/slides\/slide\d+\.xml$/.test(n)));
  // mammoth opens the zip itself: what its parts say they inflate to is checked first.
  if (zip.declaredBytes > budget) throw new Refused(REASONS.bomb);
  try {
    // Images are left out: a preview never carries the file's pictures (nor anything they could point to).
    const result = await mammoth.convertToHtml({ buffer: Buffer.from(data) }, { convertImage: mammoth.images.imgElement(async () => ({ src: "" })) });
    return result.value;
  } catch {
    throw new Refused(REASONS.damaged);
  }
}
