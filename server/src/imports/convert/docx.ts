/**
 * DOCX with mammoth (the maintained DOCX-to-HTML converter, made to keep structure and drop
 * appearance). Footnotes and endnotes come last, under "Notes", their calls kept as [n] in the text.
 * Comments are read beside it (./docx-comments.ts), their passages marked in the text it is given.
 */
import { zipSync } from "fflate";
import mammoth from "mammoth";
import type { Comments } from "./comments.js";
import { docxComments } from "./docx-comments.js";
import { Images } from "./html.js";
import { REASONS, Refused } from "./refused.js";

const STYLE_MAP = [
  "p[style-name='Title'] => h1:fresh",
  "p[style-name='Subtitle'] => h2:fresh",
  "u => u",
  "highlight => mark",
  "strike => s",
  // LibreOffice's own paragraph styles, in the DOCX files it writes.
  "p[style-name='Quotations'] => blockquote > p:fresh",
  "p[style-name='Horizontal Line'] => hr",
];

/**
 * Styles that only mean "body text" (LibreOffice's, Word's): mammoth's default for them is right, and a
 * mapping would hide a list's numbering. They are not reported as lost.
 */
const PLAIN_STYLES = new Set(["Body Text", "Text Body", "Table Contents", "Table Heading", "Default", "Standard", "Normal (Web)"]);

/** Mammoth's notes: a call `<sup><a href="#footnote-1" id="footnote-ref-1">[1]</a></sup>`, and a back link in the note. */
function plainNotes(html: string): string {
  const calls = html.replace(/<sup><a href="#(?:foot|end)note-\d+" id="(?:foot|end)note-ref-\d+">(\[\d+\])<\/a><\/sup>/g, "$1");
  const notes = calls.replace(/\s*<a href="#(?:foot|end)note-ref-\d+">↑<\/a>/g, "");
  const start = notes.search(/<ol><li id="(?:foot|end)note-\d+">/);
  return start < 0 ? notes : `${notes.slice(0, start)}<h2>Notes</h2>${notes.slice(start)}`;
}

export async function docxToHtml(data: Buffer, parts: Map<string, Buffer>, images: Images, comments: Comments, dropped: string[]): Promise<string> {
  if (!parts.has("word/document.xml")) throw new Refused(REASONS.notDocx);
  const marked = docxComments(parts, comments);
  // Stored, not compressed again: the parts were inflated within the budget, mammoth inflates them once more.
  const file = marked ? Buffer.from(zipSync(Object.fromEntries([...parts, ["word/document.xml", marked]].map(([k, v]) => [k, [v, { level: 0 }]])))) : data;
  const result = await mammoth.convertToHtml(
    { buffer: file },
    {
      styleMap: STYLE_MAP,
      convertImage: mammoth.images.imgElement(async (image) => {
        const src = images.add(image.contentType, await image.readAsBase64String());
        return { src: src ?? "" };
      }),
    },
  );
  const styles = new Set<string>();
  let unknown = 0;
  for (const m of result.messages) {
    const style = /^Unrecognised (?:paragraph|run) style: '?(.+?)'? \(Style ID/.exec(m.message);
    if (style) {
      if (!PLAIN_STYLES.has(style[1]!)) styles.add(style[1]!);
    }
    else if (m.type === "warning") unknown++;
  }
  if (styles.size) dropped.push(`Styles Word non reconnus, texte gardé sans ce style : ${[...styles].join(", ")}.`);
  if (unknown) dropped.push(`${unknown} élément${unknown > 1 ? "s" : ""} de mise en page Word ignoré${unknown > 1 ? "s" : ""}.`);
  return plainNotes(result.value);
}
