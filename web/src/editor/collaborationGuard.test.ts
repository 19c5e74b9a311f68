import { editorExtensions } from "@atelier/editor";
import { Editor } from "@tiptap/core";
import { ySyncPluginKey } from "@tiptap/y-tiptap";
import { afterEach, describe, expect, it } from "vitest";
import { CollaborationGuard } from "./collaborationGuard";

let editor: Editor;
afterEach(() => editor.destroy());

const open = (editable: boolean) =>
  (editor = new Editor({
    element: document.createElement("div"),
    extensions: [...editorExtensions(), CollaborationGuard],
    content: "<p>Texte</p>",
    editable,
  }));

// What the Yjs binding dispatches when someone else's change arrives.
const remote = (text: string) => editor.state.tr.insertText(text, 1).setMeta(ySyncPluginKey, { isChangeOrigin: true });
const links = () => editor.getJSON().content?.[0]?.content?.filter((n) => n.marks?.some((m) => m.type === "link")) ?? [];

describe("CollaborationGuard", () => {
  it("lets nothing local change a read-only document, while others' changes still show", () => {
    open(false);
    editor.view.dispatch(editor.state.tr.insertText("intrus ", 1));
    expect(editor.getText()).toBe("Texte");
    editor.view.dispatch(remote("Nouveau "));
    expect(editor.getText()).toBe("Nouveau Texte");
  });

  it("keeps what plugins append to others' changes out of a read-only document", () => {
    open(false);
    // Autolink would turn the address into a link in every client, the reader's included.
    editor.view.dispatch(remote("www.solidarites.gouv.fr "));
    expect(editor.getText()).toBe("www.solidarites.gouv.fr Texte");
    expect(links()).toHaveLength(0);
  });

  it("lets a writable editor's plugins work", () => {
    open(true);
    editor.view.dispatch(editor.state.tr.insertText("www.solidarites.gouv.fr ", 1));
    expect(links()).toHaveLength(1);
  });
});
