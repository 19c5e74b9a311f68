/** A space's documents (list, create, rename, trash, restore) and its recent activity. */
import {
  ActivityReply,
  DocumentListReply,
  DocumentReply,
  type CreateDocumentBody,
  type UpdateDocumentBody,
} from "@atelier/shared";
import { request } from "./client";

const space = (id: string) => `/api/spaces/${encodeURIComponent(id)}`;
const document = (id: string) => `/api/documents/${encodeURIComponent(id)}`;

export const listDocuments = async (spaceId: string, trash = false) =>
  (await request(`${space(spaceId)}/documents${trash ? "?trash=true" : ""}`, DocumentListReply)).documents;

export const createDocument = async (spaceId: string, body: CreateDocumentBody) =>
  (await request(`${space(spaceId)}/documents`, DocumentReply, { method: "POST", body })).document;

export const updateDocument = async (id: string, body: UpdateDocumentBody) =>
  (await request(document(id), DocumentReply, { method: "PATCH", body })).document;

export const trashDocument = async (id: string) => (await request(document(id), DocumentReply, { method: "DELETE" })).document;

export const restoreDocument = async (id: string) =>
  (await request(`${document(id)}/restore`, DocumentReply, { method: "POST" })).document;

export const getActivity = async (spaceId: string) => (await request(`${space(spaceId)}/activity`, ActivityReply)).activity;
