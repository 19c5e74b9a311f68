import { FILE_TRASH_DAYS, type FileSummary, type FileVersion, type ListFilesQuery } from "@atelier/shared";
import type { Queryable } from "../db/index.js";
import { isPreviewable } from "./sniff.js";

export interface FileRow {
  id: string;
  space_id: string;
  title: string;
  description: string;
  kind: string;
  themes: string[];
  uploaded_by: string | null;
  uploader_name: string | null;
  current_version: number;
  created_at: Date;
  updated_at: Date;
  deleted_at: Date | null;
  deleted_by: string | null;
  original_name: string;
  size: number;
  mime_type: string;
  sha256: string;
  storage_key: string;
}

const person = (alias: string) =>
  `NULLIF(trim(${alias}.first_name || ' ' || ${alias}.last_name), '')`;

const FILE_SELECT = `
  SELECT f.id, f.space_id, f.title, f.description, f.kind, f.themes, f.uploaded_by, f.current_version,
         f.created_at, f.updated_at, f.deleted_at, f.deleted_by,
         COALESCE(${person("u")}, u.email) AS uploader_name,
         v.original_name, v.size::float8 AS size, v.mime_type, v.sha256, v.storage_key
    FROM files f
    JOIN file_versions v ON v.file_id = f.id AND v.number = f.current_version
    LEFT JOIN users u ON u.id = f.uploaded_by`;

export function toSummary(r: FileRow, canManage: boolean): FileSummary {
  return {
    id: r.id,
    spaceId: r.space_id,
    title: r.title,
    description: r.description,
    kind: r.kind,
    themes: r.themes,
    originalName: r.original_name,
    size: Number(r.size),
    mimeType: r.mime_type,
    sha256: r.sha256,
    version: r.current_version,
    uploadedBy: r.uploaded_by ? { id: r.uploaded_by, name: r.uploader_name ?? "" } : null,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
    deletedAt: r.deleted_at ? new Date(r.deleted_at).toISOString() : null,
    canManage,
    previewable: isPreviewable(r.mime_type),
  };
}

export async function getFile(q: Queryable, id: string): Promise<FileRow | null> {
  const [row] = await q.query<FileRow>(`${FILE_SELECT} WHERE f.id = $1`, [id]);
  return row ?? null;
}

const ORDER: Record<NonNullable<ListFilesQuery["sort"]>, string> = {
  recent: "f.created_at DESC, f.id",
  oldest: "f.created_at ASC, f.id",
  title: "lower(unaccent(f.title)), f.id",
  size: "v.size DESC, f.id",
};

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/**
 * The files of a space (or of its recycle bin) matching the filters; at most 500.
 * `trashedBy` keeps, in the bin, only what that person put there.
 */
export async function listFiles(q: Queryable, spaceId: string, f: ListFilesQuery, trashedBy?: string): Promise<FileRow[]> {
  const params: unknown[] = [spaceId];
  const where = ["f.space_id = $1", f.trash === "true" ? "f.deleted_at IS NOT NULL" : "f.deleted_at IS NULL"];
  const add = (sql: (n: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  if (trashedBy) add((n) => `f.deleted_by = ${n}`, trashedBy);
  if (f.kind) add((n) => `f.kind = ${n}`, f.kind);
  if (f.theme) add((n) => `${n} = ANY(f.themes)`, f.theme);
  if (f.uploader) add((n) => `f.uploaded_by = ${n}`, f.uploader);
  if (f.from) add((n) => `f.created_at >= ${n}::date`, f.from);
  if (f.to) add((n) => `f.created_at < ${n}::date + 1`, f.to);
  // Every word must appear in the title or the description, accents and case aside.
  for (const word of (f.q ?? "").split(/\s+/).filter(Boolean).slice(0, 8)) {
    add((n) => `unaccent(lower(f.title || ' ' || f.description)) LIKE unaccent(lower(${n})) ESCAPE '\\'`, `%${escapeLike(word)}%`);
  }
  return q.query<FileRow>(
    `${FILE_SELECT} WHERE ${where.join(" AND ")} ORDER BY ${ORDER[f.sort ?? "recent"]} LIMIT 500`,
    params,
  );
}

export interface NewVersion {
  key: string;
  originalName: string;
  size: number;
  mimeType: string;
  sha256: string;
}

export async function insertFile(
  q: Queryable,
  f: { id: string; spaceId: string; title: string; description: string; kind: string; themes: string[]; userId: string },
  v: NewVersion,
): Promise<void> {
  await q.query(
    `INSERT INTO files (id, space_id, title, description, kind, themes, uploaded_by, current_version)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 1)`,
    [f.id, f.spaceId, f.title, f.description, f.kind, f.themes, f.userId],
  );
  await insertVersion(q, f.id, 1, v, f.userId, null);
}

async function insertVersion(
  q: Queryable,
  fileId: string,
  number: number,
  v: NewVersion,
  userId: string,
  restoredFrom: number | null,
): Promise<void> {
  await q.query(
    `INSERT INTO file_versions (file_id, number, storage_key, original_name, size, mime_type, sha256, uploaded_by, restored_from)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [fileId, number, v.key, v.originalName, v.size, v.mimeType, v.sha256, userId, restoredFrom],
  );
}

/** Adds a version after the last one and makes it current; returns its number. */
export async function addVersion(
  q: Queryable,
  fileId: string,
  v: NewVersion,
  userId: string,
  restoredFrom: number | null = null,
): Promise<number> {
  // The row lock serialises two versions uploaded at once.
  await q.query("SELECT id FROM files WHERE id = $1 FOR UPDATE", [fileId]);
  const [{ next }] = (await q.query<{ next: number }>(
    "SELECT COALESCE(max(number), 0) + 1 AS next FROM file_versions WHERE file_id = $1",
    [fileId],
  )) as [{ next: number }];
  await insertVersion(q, fileId, next, v, userId, restoredFrom);
  await q.query("UPDATE files SET current_version = $2, updated_at = now() WHERE id = $1", [fileId, next]);
  return next;
}

export interface VersionRow {
  number: number;
  storage_key: string;
  original_name: string;
  size: number;
  mime_type: string;
  sha256: string;
  uploaded_by: string | null;
  uploader_name: string | null;
  restored_from: number | null;
  created_at: Date;
}

const VERSION_SELECT = `
  SELECT v.number, v.storage_key, v.original_name, v.size::float8 AS size, v.mime_type, v.sha256,
         v.uploaded_by, COALESCE(${person("u")}, u.email) AS uploader_name, v.restored_from, v.created_at
    FROM file_versions v LEFT JOIN users u ON u.id = v.uploaded_by`;

export async function listVersions(q: Queryable, fileId: string): Promise<VersionRow[]> {
  return q.query<VersionRow>(`${VERSION_SELECT} WHERE v.file_id = $1 ORDER BY v.number DESC`, [fileId]);
}

export async function getVersion(q: Queryable, fileId: string, number: number): Promise<VersionRow | null> {
  const [row] = await q.query<VersionRow>(`${VERSION_SELECT} WHERE v.file_id = $1 AND v.number = $2`, [fileId, number]);
  return row ?? null;
}

export function toVersion(r: VersionRow): FileVersion {
  return {
    number: r.number,
    originalName: r.original_name,
    size: Number(r.size),
    mimeType: r.mime_type,
    sha256: r.sha256,
    uploadedBy: r.uploaded_by ? { id: r.uploaded_by, name: r.uploader_name ?? "" } : null,
    createdAt: new Date(r.created_at).toISOString(),
    restoredFrom: r.restored_from,
  };
}

export async function updateFile(
  q: Queryable,
  id: string,
  patch: { title?: string; description?: string; kind?: string; themes?: string[] },
): Promise<void> {
  await q.query(
    `UPDATE files SET title = COALESCE($2, title), description = COALESCE($3, description),
            kind = COALESCE($4, kind), themes = COALESCE($5, themes), updated_at = now()
      WHERE id = $1`,
    [id, patch.title ?? null, patch.description ?? null, patch.kind ?? null, patch.themes ?? null],
  );
}

export async function trashFile(q: Queryable, id: string, userId: string): Promise<void> {
  await q.query("UPDATE files SET deleted_at = now(), deleted_by = $2 WHERE id = $1", [id, userId]);
}

export async function restoreFile(q: Queryable, id: string): Promise<void> {
  await q.query("UPDATE files SET deleted_at = NULL, deleted_by = NULL, updated_at = now() WHERE id = $1", [id]);
}

/** Whether a file in the bin may still come back. */
export const restorable = (deletedAt: Date, now = new Date()) =>
  now.getTime() - new Date(deletedAt).getTime() < FILE_TRASH_DAYS * 24 * 3600 * 1000;
