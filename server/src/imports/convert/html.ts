/**
 * HTML, whatever wrote it (mammoth, the ODT reader, marked, a person's file), made into a document
 * of the editor schema. Before the schema's own parse rules run, what it would silently lose is
 * counted for the person (`dropped`), images carried in the file become attachments to be, and
 * Markdown's checkboxes become checklists.
 */
import { randomUUID } from "node:crypto";
import { domToDoc, LINK_PROTOCOLS, type JSONContent } from "@atelier/editor";
import { ATTACHMENT_PATH } from "@atelier/shared";
import { parseHTML } from "linkedom";
import type { ImportedImage } from "./types.js";

/** Image types a browser shows in a page; others (EMF, TIFF…) would be dead squares. */
const IMAGE_TYPES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp"]);

/** The images met so far, by the address the text gives them. */
export class Images {
  readonly list: ImportedImage[] = [];
  unsupported = new Set<string>();

  /** The attachment address for these bytes, or null when their type is not shown by browsers. */
  add(contentType: string, base64: string): string | null {
    if (!IMAGE_TYPES.has(contentType)) {
      this.unsupported.add(contentType.replace(/^image\//, "").toUpperCase());
      return null;
    }
    const id = randomUUID();
    this.list.push({ id, contentType, data: base64 });
    return `${ATTACHMENT_PATH}${id}`;
  }
}

const ACTIVE: Record<string, string> = {
  script: "les scripts",
  iframe: "les contenus intégrés (cadres, objets)",
  object: "les contenus intégrés (cadres, objets)",
  embed: "les contenus intégrés (cadres, objets)",
  video: "les vidéos et les sons",
  audio: "les vidéos et les sons",
  form: "les champs de formulaire",
  input: "les champs de formulaire",
  select: "les champs de formulaire",
  textarea: "les champs de formulaire",
  button: "les champs de formulaire",
  svg: "les dessins vectoriels (SVG)",
  canvas: "les dessins vectoriels (SVG)",
};
const SILENT = ["style", "noscript", "template", "head", "title", "meta", "link"];

/** What is used here of linkedom's DOM (the server has no DOM types). */
interface Element {
  tagName: string;
  children: ArrayLike<Element>;
  childNodes: ArrayLike<unknown>;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  hasAttribute(name: string): boolean;
  remove(): void;
  replaceWith(...nodes: unknown[]): void;
  querySelector(selector: string): Element | null;
  querySelectorAll(selector: string): ArrayLike<Element>;
  append(...nodes: unknown[]): void;
  ownerDocument: { createElement(tag: string): Element };
}

const plural = (n: number, one: string, many: string) => (n > 1 ? `${n} ${many}` : `1 ${one}`);

function unwrap(el: Element) {
  el.replaceWith(...Array.from(el.childNodes));
}

/** Markdown's `- [ ] task` (marked writes a disabled checkbox first in the item) as the editor's checklist. */
function checklists(body: Element) {
  for (const list of Array.from(body.querySelectorAll("ul"))) {
    const items = Array.from(list.children).filter((c) => c.tagName === "LI");
    const box = (li: Element) => li.querySelector(":scope > input[type=checkbox], :scope > p:first-child > input[type=checkbox]");
    if (items.length === 0 || !items.every(box)) continue;
    list.setAttribute("data-type", "taskList");
    for (const li of items) {
      const input = box(li)!;
      li.setAttribute("data-type", "taskItem");
      li.setAttribute("data-checked", String(input.hasAttribute("checked")));
      input.remove();
    }
  }
}

export function htmlToDoc(html: string, images: Images, dropped: string[]): JSONContent {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  const body = document.body as unknown as Element;
  const active = new Set<string>();
  for (const el of Array.from(body.querySelectorAll("*"))) {
    const tag = el.tagName.toLowerCase();
    if (SILENT.includes(tag)) el.remove();
    else if (ACTIVE[tag] && !(tag === "input" && el.getAttribute("type") === "checkbox")) {
      active.add(ACTIVE[tag]);
      el.remove();
    }
  }
  checklists(body);
  // The editor's highlight is <mark>; word processors and pages write a background colour.
  for (const span of Array.from(body.querySelectorAll("span[style]"))) {
    const background = /background(?:-color)?\s*:\s*([^;]+)/i.exec(span.getAttribute("style") ?? "")?.[1]?.trim().toLowerCase();
    if (background && !["transparent", "none", "#ffffff", "#fff", "white", "inherit", "initial"].includes(background)) {
      const mark = span.ownerDocument.createElement("mark");
      span.replaceWith(mark);
      mark.append(...Array.from(span.childNodes));
    }
  }
  for (const el of Array.from(body.querySelectorAll("input"))) el.remove();

  let remote = 0;
  for (const img of Array.from(body.querySelectorAll("img"))) {
    const src = img.getAttribute("src") ?? "";
    const data = /^data:(image\/[a-z+.-]+);base64,([a-z0-9+/=\s]+)$/i.exec(src);
    const kept = src.startsWith(ATTACHMENT_PATH) && images.list.some((i) => src === `${ATTACHMENT_PATH}${i.id}`)
      ? src
      : data ? images.add(data[1]!.toLowerCase(), data[2]!.replace(/\s/g, "")) : null;
    if (kept) img.setAttribute("src", kept);
    else {
      if (!data) remote++;
      img.remove();
    }
  }

  let badLinks = 0;
  for (const a of Array.from(body.querySelectorAll("a"))) {
    const href = (a.getAttribute("href") ?? "").trim();
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(href)?.[1]?.toLowerCase();
    if (scheme && (LINK_PROTOCOLS as readonly string[]).includes(scheme)) continue;
    // An anchor inside the file (a table of contents, a note's back link) has nowhere to go once imported.
    if (href && !href.startsWith("#")) badLinks++;
    unwrap(a);
  }

  const raised = Array.from(body.querySelectorAll("sup, sub"));
  raised.forEach(unwrap);

  if (remote) dropped.push(`${plural(remote, "image extérieure au fichier (adresse distante) n'a pas été reprise", "images extérieures au fichier (adresses distantes) n'ont pas été reprises")}.`);
  if (images.unsupported.size) dropped.push(`Les images au format ${[...images.unsupported].join(", ")} n'ont pas été reprises (format non affiché par les navigateurs).`);
  if (badLinks) dropped.push(`${plural(badLinks, "lien d'un type non autorisé a été retiré", "liens d'un type non autorisé ont été retirés")} (le texte est gardé).`);
  if (raised.length) dropped.push("Les exposants et indices sont gardés comme texte normal.");
  for (const label of active) dropped.push(`${label[0]!.toUpperCase()}${label.slice(1)} n'ont pas été repris.`);
  return domToDoc(body);
}
