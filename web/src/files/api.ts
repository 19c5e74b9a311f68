/** The library's API: JSON calls through the app's client (uploads: see resumable.ts). */
import { FileKind, FilePreviewReply, FileSummary, FileVersion, type ListFilesQuery, type UpdateFileBody } from "@atelier/shared";
import { z } from "zod";
import { request } from "../api/client";

const FileReply = z.object({ file: FileSummary });
const enc = encodeURIComponent;

export const listFiles = async (spaceId: string, query: ListFilesQuery) => {
  const params = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => !!e[1]));
  return (await request(`/api/spaces/${enc(spaceId)}/files?${params}`, z.object({ files: z.array(FileSummary) }))).files;
};

export const listKinds = async (spaceId: string) =>
  (await request(`/api/spaces/${enc(spaceId)}/file-kinds`, z.object({ kinds: z.array(FileKind) }))).kinds;

export const addKind = async (spaceId: string, label: string) =>
  (await request(`/api/spaces/${enc(spaceId)}/file-kinds`, z.object({ kind: FileKind }), { method: "POST", body: { label } })).kind;

export const updateFile = async (id: string, body: UpdateFileBody) =>
  (await request(`/api/files/${enc(id)}`, FileReply, { method: "PATCH", body })).file;

export const deleteFile = (id: string) => request(`/api/files/${enc(id)}`, FileReply, { method: "DELETE" });

export const restoreFile = (id: string) => request(`/api/files/${enc(id)}/restore`, FileReply, { method: "POST" });

export const listVersions = async (id: string) =>
  (await request(`/api/files/${enc(id)}/versions`, z.object({ versions: z.array(FileVersion) }))).versions;

export const restoreVersion = (id: string, number: number) =>
  request(`/api/files/${enc(id)}/versions/${number}/restore`, FileReply, { method: "POST" });

export const downloadUrl = (id: string, opts: { version?: number; inline?: boolean } = {}) => {
  const params = new URLSearchParams();
  if (opts.version) params.set("version", String(opts.version));
  if (opts.inline) params.set("inline", "1");
  const q = params.toString();
  return `/api/files/${enc(id)}/download${q ? `?${q}` : ""}`;
};

/** An office file's text as HTML the server has sanitised (text, headings, lists, tables). */
export const getPreview = (id: string) => request(`/api/files/${enc(id)}/preview`, FilePreviewReply);
