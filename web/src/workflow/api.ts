/** The workflow of a document: its status, its history, and the moves the person may make. */
import { DocumentStatusReply, type ChangeStatusBody } from "@atelier/shared";
import { request } from "../api/client";

const statusPath = (id: string) => `/api/documents/${encodeURIComponent(id)}/status`;

export const getStatus = (documentId: string) => request(statusPath(documentId), DocumentStatusReply);

export const changeStatus = (documentId: string, body: ChangeStatusBody) =>
  request(statusPath(documentId), DocumentStatusReply, { method: "POST", body });
