import type { AnyExtension } from "@tiptap/core";
import { isAttachmentUrl } from "@atelier/shared";
import Highlight from "@tiptap/extension-highlight";
import Image from "@tiptap/extension-image";
import Link from "@tiptap/extension-link";
import { TaskItem, TaskList } from "@tiptap/extension-list";
import { TableKit } from "@tiptap/extension-table";
import TextAlign from "@tiptap/extension-text-align";
import StarterKit from "@tiptap/starter-kit";

/** Schemes a link may point to; anything else (javascript:, data:…) is refused by the editor and the HTML export. */
export const LINK_PROTOCOLS = ["http", "https", "mailto", "tel"] as const;

/**
 * Images shown only from the document's own attachments (/api/attachments/:id, checked by the server on every
 * read): an image from elsewhere (a tracking pixel, another host, data:) is not parsed, and one that reaches the
 * document anyway (a foreign client, a markdown input rule) is rendered without its source.
 */
export const AttachmentImage = Image.extend({
  addAttributes() {
    return {
      ...this.parent?.(),
      src: {
        default: null,
        parseHTML: (el) => (isAttachmentUrl(el.getAttribute("src")) ? el.getAttribute("src") : null),
        renderHTML: (attrs) => (isAttachmentUrl(attrs.src) ? { src: attrs.src } : {}),
      },
    };
  },
  parseHTML() {
    return [{ tag: "img[src]", getAttrs: (el) => (isAttachmentUrl(el.getAttribute("src")) ? null : false) }];
  },
});

const ALIGNMENTS = ["left", "center", "right", "justify"];

/**
 * Alignment from its four values only. The attribute reaches a browser from Yjs as whatever string an editor's
 * client sent, and Tiptap writes it into `style` unchecked ("left; position:fixed; inset:0" drew a full-page overlay).
 */
const Alignment = TextAlign.extend({
  addGlobalAttributes() {
    return (this.parent?.() ?? []).map((group) => ({
      ...group,
      attributes: Object.fromEntries(
        Object.entries(group.attributes).map(([name, spec]) => [
          name,
          { ...spec, renderHTML: (attrs: Record<string, unknown>) => (ALIGNMENTS.includes(attrs[name] as string) ? (spec?.renderHTML?.(attrs) ?? {}) : {}) },
        ]),
      ),
    }));
  },
});

/** A link carries its address only: a `class` or `target` sent through Yjs (a DSFR button's class on a phishing link) is not rendered. */
const PlainLink = Link.extend({
  addAttributes() {
    const ignored = { default: null, parseHTML: () => null, renderHTML: () => ({}) };
    return { ...this.parent?.(), class: ignored, target: ignored };
  },
});

/**
 * The one extension set of Atelier documents, shared by the web editor and the server (templates, text/HTML export),
 * so both build the same schema. StarterKit v3 already carries underline, link and the list keymap; undo/redo is
 * left out because collaboration brings its own per-user history (Yjs UndoManager). The trailing-node plugin is left
 * out too: every client (readers included) would append its own paragraph to a document ending with a table.
 */
export function editorExtensions(): AnyExtension[] {
  return [
    StarterKit.configure({ undoRedo: false, trailingNode: false, link: false }),
    PlainLink.configure({
      openOnClick: false,
      autolink: true,
      defaultProtocol: "https",
      protocols: [...LINK_PROTOCOLS],
      HTMLAttributes: { rel: "noopener noreferrer nofollow", target: null },
    }),
    Highlight,
    Alignment.configure({ types: ["heading", "paragraph"], alignments: ALIGNMENTS }),
    TaskList,
    TaskItem.configure({ nested: true }),
    // Column resizing needs a view; widths are not part of what committees write.
    TableKit.configure({ table: { resizable: false } }),
    AttachmentImage,
  ];
}
