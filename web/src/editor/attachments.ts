/**
 * Files pasted or dropped into the text: each is sent to the document's attachments, then shown
 * where it was put, as an image (PNG, JPEG, GIF, WebP, AVIF) or as a link named after the file.
 * The server decides who may attach and who may read, from the document's own space.
 */
import { Attachment, UploadAttachmentQuery } from "@atelier/shared";
import type { Editor } from "@tiptap/react";
import type { EditorView } from "@tiptap/pm/view";
import { ApiError, request } from "../api/client";

/** Shown inline by the server (the others, SVG included, are downloaded): see server/src/files/sniff.ts. */
const INLINE_IMAGES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp", "image/avif"]);

export type AttachmentStatus = { kind: "sending" | "error"; text: string } | null;

const uploadAttachment = (documentId: string, file: File) =>
  request(
    `/api/documents/${encodeURIComponent(documentId)}/attachments?${new URLSearchParams({ name: file.name || "fichier" } satisfies UploadAttachmentQuery)}`,
    Attachment,
    { method: "POST", body: file },
  );

async function attachAll(editor: Editor, documentId: string, files: File[], at: number, notify: (s: AttachmentStatus) => void) {
  let pos = at;
  for (const [i, file] of files.entries()) {
    notify({ kind: "sending", text: `Envoi de « ${file.name} »${files.length > 1 ? ` (${i + 1} sur ${files.length})` : ""}…` });
    let attachment: Attachment;
    try {
      attachment = await uploadAttachment(documentId, file);
    } catch (err) {
      const reason = err instanceof ApiError ? err.message : "Le serveur ne répond pas : réessayez.";
      return notify({ kind: "error", text: `« ${file.name} » n'a pas été ajouté au document. ${reason}` });
    }
    if (editor.isDestroyed) return;
    const content = INLINE_IMAGES.has(attachment.mimeType)
      ? { type: "image", attrs: { src: attachment.url, alt: attachment.name } }
      : { type: "text", text: attachment.name, marks: [{ type: "link", attrs: { href: attachment.url } }] };
    // Others may have written meanwhile: the position is kept within the document as it now is.
    editor.chain().insertContentAt(Math.min(pos, editor.state.doc.content.size), content).run();
    pos = editor.state.selection.to;
  }
  notify(null);
}

const filesOf = (data: DataTransfer | null) => Array.from(data?.files ?? []);

/** The paste and drop handlers of an editor; ProseMirror never calls them while it is read-only. */
export function attachmentHandlers(getEditor: () => Editor | null, documentId: string, notify: (s: AttachmentStatus) => void) {
  const start = (view: EditorView, event: Event, files: File[], at: number) => {
    const editor = getEditor();
    if (!files.length || !view.editable || !editor) return false;
    event.preventDefault();
    void attachAll(editor, documentId, files, at, notify);
    return true;
  };
  return {
    handlePaste: (view: EditorView, event: ClipboardEvent) =>
      start(view, event, filesOf(event.clipboardData), view.state.selection.from),
    handleDrop: (view: EditorView, event: DragEvent, _slice: unknown, moved: boolean) =>
      !moved &&
      start(
        view,
        event,
        filesOf(event.dataTransfer),
        view.posAtCoords({ left: event.clientX, top: event.clientY })?.pos ?? view.state.selection.from,
      ),
  };
}
