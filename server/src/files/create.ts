/**
 * What a received file becomes: a new file of a library, or a new version of one. Shared by the
 * direct upload routes and the resumable upload sessions, which receive the bytes differently.
 */
import { randomUUID } from "node:crypto";
import type { Queryable } from "../db/index.js";
import type { Services } from "../context.js";
import { notFound } from "../http/errors.js";
import { assertKind } from "./kinds.js";
import { defaultTitle } from "./names.js";
import { addVersion, getFile, insertFile, type NewVersion } from "./queries.js";

export interface FileMeta {
  title?: string;
  description?: string;
  kind?: string;
  themes?: string[];
}

export interface NewFile {
  spaceId: string;
  title: string;
  description: string;
  kind: string;
  themes: string[];
}

/** The metadata a new file gets, checked before any byte is received. */
export async function prepareFile(q: Queryable, spaceId: string, name: string, meta: FileMeta): Promise<NewFile> {
  const kind = meta.kind ?? "autre";
  await assertKind(q, spaceId, kind);
  return {
    spaceId,
    title: meta.title ?? defaultTitle(name),
    description: meta.description ?? "",
    kind,
    themes: meta.themes ?? [],
  };
}

/** What else must be written in the same transaction (an upload session marked done). */
type Within = (q: Queryable, fileId: string) => Promise<void>;

/** Records a new file whose bytes are stored; returns its id. */
export async function createFile(s: Services, file: NewFile, version: NewVersion, userId: string, within?: Within): Promise<string> {
  const id = randomUUID();
  await s.db.tx(async (q) => {
    await insertFile(q, { ...file, id, userId }, version);
    await s.bus.emit(q, "fileChanged", { fileId: id });
    await within?.(q, id);
  });
  return id;
}

/** Records stored bytes as the file's new current version. */
export async function createVersion(s: Services, fileId: string, version: NewVersion, userId: string, within?: Within): Promise<void> {
  await s.db.tx(async (q) => {
    // The file may have gone to the bin while its bytes were arriving.
    const current = await getFile(q, fileId);
    if (!current || current.deleted_at) throw notFound("Ce fichier n'existe pas.");
    await addVersion(q, fileId, version, userId);
    await s.bus.emit(q, "fileChanged", { fileId });
    await within?.(q, fileId);
  });
}
