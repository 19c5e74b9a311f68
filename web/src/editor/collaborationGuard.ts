import { Extension } from "@tiptap/core";
import { Plugin, PluginKey, type Transaction } from "@tiptap/pm/state";
import { ySyncPluginKey } from "@tiptap/y-tiptap";

const fromSync = (tr: Transaction) => tr.getMeta(ySyncPluginKey) !== undefined;

/**
 * Keeps a client from writing what it did not type: on a read-only editor no local change reaches the document, and
 * plugins reacting to someone else's change (autolink, table fixing…) do not write it a second time from every
 * client — the author's own editor already did.
 */
export const CollaborationGuard = Extension.create({
  name: "collaborationGuard",
  addProseMirrorPlugins() {
    const editor = this.editor;
    return [
      new Plugin({
        key: new PluginKey("collaborationGuard"),
        filterTransaction(tr) {
          if (!tr.docChanged || fromSync(tr)) return true;
          if (!editor.isEditable) return false;
          const root = tr.getMeta("appendedTransaction") as Transaction | undefined;
          return !(root && fromSync(root));
        },
      }),
    ];
  },
});
