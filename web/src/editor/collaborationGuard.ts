import { Extension } from "@tiptap/core";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import { ySyncPluginKey } from "@tiptap/y-tiptap";

/**
 * Keeps a read-only editor from writing anything: not the reader's input (the editor is not editable), and not what
 * plugins append when someone else's change arrives (autolink, table fixing…), which the Yjs binding would otherwise
 * send as the reader's own edit. Only the changes the binding brings in are applied.
 */
export const CollaborationGuard = Extension.create({
  name: "collaborationGuard",
  addProseMirrorPlugins() {
    const editor = this.editor;
    return [
      new Plugin({
        key: new PluginKey("collaborationGuard"),
        filterTransaction: (tr) => editor.isEditable || !tr.docChanged || tr.getMeta(ySyncPluginKey) !== undefined,
      }),
    ];
  },
});
