import { DocumentContentReply, DocumentReply } from "@atelier/shared";
import { request } from "../api/client";

const documentPath = (id: string) => `/api/documents/${encodeURIComponent(id)}`;

export const getDocument = async (id: string) => (await request(documentPath(id), DocumentReply)).document;

/** The saved content as safe HTML (the server escapes it), for when the live connection cannot open. */
export const getDocumentHtml = async (id: string) =>
  (await request(`${documentPath(id)}/content?format=html`, DocumentContentReply)).content;
