/** The history and comments of a document, through the typed API client. */
import {
  DiffReply,
  MentionableReply,
  ThreadListReply,
  ThreadReply,
  VersionListReply,
  VersionOneReply,
  VersionReply,
  type CreateThreadBody,
  type ReplyBody,
} from "@atelier/shared";
import { request } from "../api/client";

const doc = (id: string) => `/api/documents/${encodeURIComponent(id)}`;

export const listVersions = (documentId: string) => request(`${doc(documentId)}/versions`, VersionListReply);
export const getVersion = (documentId: string, versionId: string) =>
  request(`${doc(documentId)}/versions/${versionId}`, VersionReply);
export const diffVersion = (documentId: string, versionId: string, against = "current") =>
  request(`${doc(documentId)}/versions/${versionId}/diff?against=${encodeURIComponent(against)}`, DiffReply);
export const nameCurrent = (documentId: string, name: string) =>
  request(`${doc(documentId)}/versions`, VersionOneReply, { method: "POST", body: { name } });
export const renameVersion = (documentId: string, versionId: string, name: string) =>
  request(`${doc(documentId)}/versions/${versionId}`, VersionOneReply, { method: "PATCH", body: { name } });
export const restoreVersion = (documentId: string, versionId: string) =>
  request(`${doc(documentId)}/versions/${versionId}/restore`, VersionOneReply, { method: "POST" });

export const listThreads = (documentId: string) => request(`${doc(documentId)}/comments`, ThreadListReply);
export const createThread = (documentId: string, body: CreateThreadBody) =>
  request(`${doc(documentId)}/comments`, ThreadReply, { method: "POST", body });
export const replyTo = (documentId: string, threadId: string, body: ReplyBody) =>
  request(`${doc(documentId)}/comments/${threadId}/replies`, ThreadReply, { method: "POST", body });
export const setThreadOpen = (documentId: string, threadId: string, open: boolean) =>
  request(`${doc(documentId)}/comments/${threadId}/${open ? "reopen" : "resolve"}`, ThreadReply, { method: "POST" });
export const mentionable = (documentId: string) => request(`${doc(documentId)}/mentionable`, MentionableReply);
