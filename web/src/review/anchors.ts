/**
 * Comment anchors in the browser: Yjs relative positions made from the editor's selection (so
 * they follow the text through everyone's edits), and the highlights drawn from them.
 */
import type { CommentThread } from "@atelier/shared";
import type { Editor } from "@tiptap/core";
import { Plugin, PluginKey, type EditorState } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import { absolutePositionToRelativePosition, relativePositionToAbsolutePosition, ySyncPluginKey } from "@tiptap/y-tiptap";
import * as Y from "yjs";

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

function binding(state: EditorState) {
  const b = ySyncPluginKey.getState(state)?.binding as
    | { doc: Y.Doc; type: Y.XmlFragment; mapping: Parameters<typeof absolutePositionToRelativePosition>[2] }
    | undefined;
  return b ?? null;
}

/** The anchor of the current selection, with its text; null when nothing is selected. */
export function selectionAnchor(editor: Editor) {
  const { state } = editor;
  const { from, to, empty } = state.selection;
  const b = binding(state);
  if (empty || !b) return null;
  const quote = state.doc.textBetween(from, to, " ").trim();
  if (!quote) return null;
  const encode = (pos: number) =>
    toBase64(Y.encodeRelativePosition(absolutePositionToRelativePosition(pos, b.type, b.mapping) as Y.RelativePosition));
  return { anchor: { from: encode(from), to: encode(to) }, quote: quote.slice(0, 1000) };
}

/** Where an anchor stands now in the editor; null when its text is gone. */
function range(state: EditorState, t: Pick<CommentThread, "anchor">) {
  const b = binding(state);
  if (!b) return null;
  const resolve = (s: string) => relativePositionToAbsolutePosition(b.doc, b.type, Y.decodeRelativePosition(fromBase64(s)), b.mapping);
  try {
    const from = resolve(t.anchor.from);
    const to = resolve(t.anchor.to);
    return from !== null && to !== null && to > from ? { from, to } : null;
  } catch {
    return null;
  }
}

const key = new PluginKey<{ threads: CommentThread[]; selected: string | null }>("atelier-comments");

/** Highlights the passages of the open threads; the selected one stands out. */
export function commentHighlights() {
  return new Plugin({
    key,
    state: {
      init: () => ({ threads: [] as CommentThread[], selected: null as string | null }),
      apply: (tr, value) => tr.getMeta(key) ?? value,
    },
    props: {
      decorations(state) {
        const { threads, selected } = key.getState(state)!;
        const decorations = threads.flatMap((t) => {
          const r = range(state, t);
          if (!r) return [];
          const cls = t.id === selected ? "atelier-comment atelier-comment--selected" : "atelier-comment";
          return [Decoration.inline(r.from, r.to, { class: cls, "data-thread": t.id })];
        });
        return DecorationSet.create(state.doc, decorations);
      },
    },
  });
}

export function showThreads(editor: Editor, threads: CommentThread[], selected: string | null) {
  editor.view.dispatch(editor.state.tr.setMeta(key, { threads: threads.filter((t) => t.status === "open"), selected }));
}

/** Selects and scrolls to a thread's passage in the editor. */
export function goToThread(editor: Editor, t: CommentThread) {
  const r = range(editor.state, t);
  if (r) editor.chain().setTextSelection(r).scrollIntoView().run();
}
