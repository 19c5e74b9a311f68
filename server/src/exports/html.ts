/**
 * HTML export: one self-contained page (images inlined as data: addresses, styles inline, no script)
 * holding the cover, the table of contents, the text as the editor's own safe HTML and the comments.
 * Its print styles put the cover and the contents on their own pages.
 */
import { escapeHtml, nodeToHtml } from "@atelier/editor";
import type { Node } from "@tiptap/pm/model";
import type { Outline } from "./outline.js";
import type { ExportSource } from "./source.js";
import { COMMENTS_TITLE, COVER_LABELS, commentHeading, TOC_TITLE } from "./words.js";

const STYLE = `
body { font-family: Marianne, Arial, sans-serif; line-height: 1.5; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; color: #161616; }
.couverture { border-bottom: 2px solid #000091; margin-bottom: 2rem; }
.couverture dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
.couverture dt { font-weight: bold; }
table { border-collapse: collapse; } td, th { border: 1px solid #929292; padding: .25rem .5rem; vertical-align: top; }
blockquote { border-left: 4px solid #929292; margin-left: 0; padding-left: 1rem; }
img { max-width: 100%; height: auto; }
ul[data-type="taskList"] { list-style: none; padding-left: 1rem; }
mark { background: #fff3a0; }
@media print {
  body { max-width: none; margin: 0; }
  .couverture, nav.sommaire { break-after: page; }
  h1, h2, h3, h4 { break-after: avoid; }
  a { color: inherit; }
}`;

const dataUrl = (data: Uint8Array, mime: string) => `data:${mime};base64,${Buffer.from(data).toString("base64")}`;

/** The body's HTML with ids on the headings the contents links to, and the document's images inlined. */
export function bodyHtml(source: ExportSource, outline: Outline): string {
  const headings: Node[] = [];
  source.doc.descendants((n) => {
    if (n.type.name === "heading") headings.push(n);
  });
  let h = 0;
  // The serializer escapes every text, so "<h1" … "<h6" and "<img" only ever start its own elements.
  return nodeToHtml(source.doc)
    .replace(/<h([1-6])/g, (tag, level: string) => {
      const anchor = outline.anchorOf(headings[h++]!);
      return anchor ? `<h${level} id="${anchor}"` : tag;
    })
    .replace(/<img([^>]*?) src="([^"]*)"([^>]*)>/g, (_m, before: string, src: string, after: string) => {
      const image = source.images.get(src);
      return image ? `<img${before} src="${dataUrl(image.data, image.mime)}"${after}>` : "";
    });
}

export function coverHtml(source: ExportSource): string {
  const rows = (Object.keys(COVER_LABELS) as (keyof typeof COVER_LABELS)[])
    .map((k) => `<dt>${COVER_LABELS[k]}</dt><dd>${escapeHtml(source.cover[k])}</dd>`)
    .join("");
  return `<header class="couverture"><h1>${escapeHtml(source.title)}</h1><dl>${rows}</dl></header>`;
}

export function tocHtml(outline: Outline): string {
  if (outline.toc.length === 0) return "";
  const items = outline.toc
    .map((e) => `<li style="margin-left:${(e.level - 1) * 1.5}rem"><a href="#${e.anchor}">${escapeHtml(e.text)}</a></li>`)
    .join("");
  return `<nav class="sommaire" aria-label="${TOC_TITLE}"><h2>${TOC_TITLE}</h2><ul style="list-style:none;padding:0">${items}</ul></nav>`;
}

export function commentsHtml(source: ExportSource): string {
  if (source.threads.length === 0) return "";
  const threads = source.threads
    .map(
      (t, i) =>
        `<li><p><strong>${escapeHtml(commentHeading(i, t.quote))}</strong></p>` +
        t.comments.map((c) => `<p>${escapeHtml(c.author)} : ${escapeHtml(c.body)}</p>`).join("") +
        "</li>",
    )
    .join("");
  return `<section class="commentaires"><h2>${COMMENTS_TITLE}</h2><ol>${threads}</ol></section>`;
}

export function renderHtml(source: ExportSource, outline: Outline): Uint8Array {
  const page = `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(source.title)}</title><style>${STYLE}</style></head>
<body>${coverHtml(source)}${tocHtml(outline)}<main>${bodyHtml(source, outline)}</main>${commentsHtml(source)}</body></html>
`;
  return new TextEncoder().encode(page);
}
