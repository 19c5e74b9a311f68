/** Importing a file as a new document of a space, or into the open document at the cursor. */
import { ImportDocumentReply, ImportFragmentReply, type DocumentKind } from "@atelier/shared";
import { request } from "./client";

const form = (file: File, fields: Record<string, string | undefined> = {}) => {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) if (v) body.set(k, v);
  body.set("file", file, file.name);
  return body;
};

export const importDocument = (spaceId: string, file: File, kind: DocumentKind, title?: string) =>
  request(`/api/spaces/${encodeURIComponent(spaceId)}/documents/import`, ImportDocumentReply, { method: "POST", body: form(file, { kind, title }) });

export const importFragment = (documentId: string, file: File) =>
  request(`/api/documents/${encodeURIComponent(documentId)}/import-fragment`, ImportFragmentReply, { method: "POST", body: form(file) });
