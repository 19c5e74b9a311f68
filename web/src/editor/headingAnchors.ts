import { findHeading, headingAnchors } from "@atelier/editor";
import { Extension, type Editor } from "@tiptap/core";
import type { Node } from "@tiptap/pm/model";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import { useEffect } from "react";
import { useLocation } from "react-router";

const key = new PluginKey("headingAnchors");

/**
 * Gives each heading of the page its anchor as an id (view only: the document itself holds no id). In read-only
 * mode headings can also take the focus (tabindex -1), so a link to one moves the keyboard and screen reader there.
 */
export const HeadingAnchors = Extension.create({
  name: "headingAnchors",
  addProseMirrorPlugins() {
    const editor = this.editor;
    let last: { doc: Node; editable: boolean; set: DecorationSet } | null = null;
    return [
      new Plugin({
        key,
        props: {
          decorations(state) {
            const editable = editor.isEditable;
            if (last?.doc !== state.doc || last.editable !== editable) {
              const decorations = headingAnchors(state.doc).map((h) => {
                const node = state.doc.nodeAt(h.pos)!;
                return Decoration.node(h.pos, h.pos + node.nodeSize, editable ? { id: h.anchor } : { id: h.anchor, tabindex: "-1" });
              });
              last = { doc: state.doc, editable, set: DecorationSet.create(state.doc, decorations) };
            }
            return last.set;
          },
        },
      }),
    ];
  },
});

// The content arrives over the socket after the page: the heading is looked for as it comes, for so long.
const WAIT_FOR_HEADING_MS = 15_000;

/**
 * Opens the document at the heading the address's hash names (a search result, a shared link): scrolled to the
 * top of the view, the caret at its start when the text is editable, the focus on it otherwise. Waits for the
 * content to arrive; gives up if the person starts working meanwhile (their click or key wins).
 */
export function useHeadingFromHash(editor: Editor | null) {
  const { hash } = useLocation();
  useEffect(() => {
    if (!editor || !hash || hash.length < 2) return;
    let done = false;
    const stop = () => {
      done = true;
      editor.off("update", attempt);
      clearTimeout(timer);
      document.removeEventListener("pointerdown", stop, true);
      document.removeEventListener("keydown", stop, true);
    };
    function attempt() {
      if (done || editor!.isDestroyed) return;
      const heading = findHeading(headingAnchors(editor!.state.doc), hash);
      if (!heading) return;
      stop();
      // After the editor has drawn the decorations of this state.
      requestAnimationFrame(() => {
        const dom = editor!.view.nodeDOM(heading.pos);
        if (!(dom instanceof HTMLElement)) return;
        if (editor!.isEditable) editor!.chain().setTextSelection(heading.pos + 1).focus(undefined, { scrollIntoView: false }).run();
        else dom.focus({ preventScroll: true });
        dom.scrollIntoView({ block: "start" });
      });
    }
    const timer = setTimeout(stop, WAIT_FOR_HEADING_MS);
    document.addEventListener("pointerdown", stop, true);
    document.addEventListener("keydown", stop, true);
    editor.on("update", attempt);
    attempt();
    return stop;
  }, [editor, hash]);
}
