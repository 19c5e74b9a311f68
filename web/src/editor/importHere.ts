/**
 * "Importer un fichier ici": a DOCX, ODT, Markdown or HTML file converted by the server (through the
 * same editor schema) and inserted at the cursor, its images already stored as the document's
 * attachments. What the file held that could not be kept is told to the person.
 */
import type { Editor } from "@tiptap/react";
import { errorMessage } from "../api/client";
import { importFragment } from "../api/imports";

export type ImportStatus = { kind: "sending" | "error" | "done"; text: string; dropped?: string[] } | null;

export async function importHere(editor: Editor, documentId: string, file: File, notify: (s: ImportStatus) => void) {
  const at = editor.state.selection.from;
  notify({ kind: "sending", text: `Import de « ${file.name} »…` });
  try {
    const { content, dropped } = await importFragment(documentId, file);
    if (editor.isDestroyed) return;
    const blocks = (content as { content?: unknown[] }).content ?? [];
    // Others may have written meanwhile: the position is kept within the document as it now is.
    editor.chain().focus().insertContentAt(Math.min(at, editor.state.doc.content.size), blocks).run();
    notify({ kind: "done", text: `« ${file.name} » a été inséré dans le document.`, dropped });
  } catch (err) {
    notify({ kind: "error", text: `« ${file.name} » n'a pas été inséré. ${errorMessage(err)}` });
  }
}
