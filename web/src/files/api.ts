/** The library's API: JSON calls through the app's client, uploads through XHR for their progress. */
import { ApiErrorSchema, FileKind, FileSummary, FileVersion, type ListFilesQuery, type UpdateFileBody } from "@atelier/shared";
import { z } from "zod";
import { ApiError, request } from "../api/client";

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

export interface Upload {
  done: Promise<FileSummary>;
  cancel(): void;
}

/**
 * Sends one file as the request body (no form encoding: the server streams it to storage) with
 * XHR, the only browser API that reports upload progress; cancel() aborts it and the server
 * keeps nothing.
 */
export function sendFile(url: string, file: File, onProgress: (sent: number, total: number) => void): Upload {
  const xhr = new XMLHttpRequest();
  const done = new Promise<FileSummary>((resolve, reject) => {
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onload = () => {
      const body = (() => {
        try {
          return JSON.parse(xhr.responseText) as unknown;
        } catch {
          return null;
        }
      })();
      if (xhr.status >= 200 && xhr.status < 300) {
        const parsed = FileReply.safeParse(body);
        if (parsed.success) return resolve(parsed.data.file);
        return reject(new ApiError(xhr.status, "bad_reply", "Le serveur a envoyé une réponse inattendue."));
      }
      const error = ApiErrorSchema.safeParse(body);
      reject(
        error.success
          ? new ApiError(xhr.status, error.data.error.code, error.data.error.message)
          : new ApiError(xhr.status, "http", `L'envoi a échoué (erreur ${xhr.status}).`),
      );
    };
    xhr.onerror = () => reject(new ApiError(0, "network", "L'envoi a été interrompu : vérifiez votre connexion puis réessayez."));
    xhr.onabort = () => reject(new ApiError(0, "cancelled", "Envoi annulé."));
  });
  xhr.open("POST", url);
  xhr.setRequestHeader("content-type", "application/octet-stream");
  xhr.send(file);
  return { done, cancel: () => xhr.abort() };
}

export const uploadUrl = (spaceId: string, name: string) => `/api/spaces/${enc(spaceId)}/files?${new URLSearchParams({ name })}`;
export const versionUrl = (fileId: string, name: string) => `/api/files/${enc(fileId)}/versions?${new URLSearchParams({ name })}`;
