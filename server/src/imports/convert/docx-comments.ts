/**
 * Word's comments (word/comments.xml), which mammoth leaves out, and their passages: mammoth skips
 * the commentRangeStart and commentRangeEnd anchors too, so word/document.xml is given to it with a
 * marker run (./comments.ts) in place of each anchor.
 */
import { type ChildNode, isTag, isText } from "domhandler";
import { parseDocument } from "htmlparser2";
import { Comments, endMark, MARKS, startMark } from "./comments.js";

function textOf(nodes: ChildNode[]): string {
  return nodes
    .map((n) => {
      if (isText(n)) return n.data;
      if (!isTag(n)) return "";
      if (n.name === "w:tab") return " ";
      if (n.name === "w:br") return "\n";
      if (n.name === "w:instrText" || n.name === "w:delText") return "";
      return textOf(n.children);
    })
    .join("");
}

function paragraphs(nodes: ChildNode[]): string[] {
  return nodes.filter(isTag).flatMap((n) => (n.name === "w:p" ? [textOf(n.children)] : paragraphs(n.children)));
}

/** The comments by their Word id, numbered as they come in comments.xml. */
function readComments(xml: Buffer, comments: Comments): Map<string, number> {
  const ids = new Map<string, number>();
  const root = parseDocument(xml.toString("utf8"), { xmlMode: true });
  const walk = (nodes: ChildNode[]) => {
    for (const n of nodes.filter(isTag)) {
      if (n.name !== "w:comment") {
        walk(n.children);
        continue;
      }
      const n_ = comments.add({
        author: (n.attribs["w:author"] ?? "").trim(),
        text: paragraphs(n.children).join("\n").trim(),
      });
      if (n_ !== null && n.attribs["w:id"] !== undefined) ids.set(n.attribs["w:id"], n_);
    }
  };
  walk(root.children);
  return ids;
}

const run = (text: string) => `<w:r><w:t>${text}</w:t></w:r>`;

/**
 * document.xml with a marker run at each anchor. An anchor between paragraphs (Word puts a passage
 * spanning several there at times) goes to the start of the next paragraph, or the end of the last one.
 */
function markAnchors(xml: string, ids: Map<string, number>): string {
  const out: string[] = [];
  let depth = 0;
  let pendingStarts = "";
  let lastClose = -1;
  let at = 0;
  const tokens = /<w:p(?=[\s>/])[^>]*?(\/?)>|<\/w:p>|<w:commentRange(Start|End)\b[^>]*?\bw:id="([^"]*)"[^>]*\/>/g;
  for (let m = tokens.exec(xml); m; m = tokens.exec(xml)) {
    out.push(xml.slice(at, m.index));
    at = m.index + m[0].length;
    if (m[2]) {
      const n = ids.get(m[3]!);
      const mark = n === undefined ? "" : m[2] === "Start" ? startMark(n) : endMark(n);
      if (depth > 0) out.push(run(mark));
      else if (m[2] === "Start") pendingStarts += mark;
      else if (lastClose >= 0) out.splice(lastClose, 0, run(mark));
      continue;
    }
    if (m[0] === "</w:p>") {
      depth--;
      lastClose = out.length;
      out.push(m[0]);
    } else if (m[1]) {
      // An empty paragraph, <w:p/>: it opens nothing.
      out.push(m[0]);
    } else {
      depth++;
      out.push(m[0]);
      if (pendingStarts) out.push(run(pendingStarts));
      pendingStarts = "";
    }
  }
  out.push(xml.slice(at));
  return out.join("");
}

/** The document part to give mammoth, with the comments' markers; undefined when the file has no comment. */
export function docxComments(parts: Map<string, Buffer>, comments: Comments): Buffer | undefined {
  const xml = parts.get("word/comments.xml");
  if (!xml) return undefined;
  const ids = readComments(xml, comments);
  if (!ids.size) return undefined;
  const document = parts.get("word/document.xml")!.toString("utf8").replace(MARKS, "");
  return Buffer.from(markAnchors(document, ids), "utf8");
}
