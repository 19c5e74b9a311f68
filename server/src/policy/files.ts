/**
 * Access to library files: their space decides, plus two facts of the file itself, who uploaded it
 * (ownership: a partner manages his own files) and who put it in the recycle bin (trash rules).
 * The facts are the file's row; the rules below are pure functions of them and of the standing.
 */
import { canInSpace } from "@atelier/shared";
import type { Queryable } from "../db/index.js";
import { getFile, type FileRow } from "../files/queries.js";
import { forbidden, notFound } from "../http/errors.js";
import { authorizeSpace } from "./spaces.js";
import { isUuid, type Actor, type SpaceWithStanding } from "./standing.js";

export interface FileAccess {
  file: FileRow;
  found: SpaceWithStanding;
}

const missing = () => notFound("Ce fichier n'existe pas.");
const archivedOf = (found: SpaceWithStanding) => found.space.archived_at !== null;

/** Whether the actor may edit, version and delete this file: any file, or one of their own. */
export function canManageFile(actor: Actor, found: SpaceWithStanding, uploadedBy: string | null): boolean {
  return (
    canInSpace(found.standing, "file.manageAny", archivedOf(found)) ||
    (uploadedBy === actor.id && canInSpace(found.standing, "file.upload", archivedOf(found)))
  );
}

/** Whether the actor keeps the space's recycle bin (sees and restores all of it), not only what they put there. */
export const keepsFileBin = (found: SpaceWithStanding) => canInSpace(found.standing, "file.restore", archivedOf(found));

/**
 * Whether the actor may bring this file back from the bin: any file for those who keep the bin
 * (pilotes), and for whoever put it there while they may still change it (a partner undoes the
 * trashing of his own file; a pilote's trashing is not undone by the partner).
 */
export function canRestoreFile(actor: Actor, found: SpaceWithStanding, file: Pick<FileRow, "deleted_by" | "uploaded_by">): boolean {
  return keepsFileBin(found) || (file.deleted_by === actor.id && canManageFile(actor, found, file.uploaded_by));
}

async function findFile(q: Queryable, id: string): Promise<FileRow> {
  const file = isUuid(id) ? await getFile(q, id) : null;
  if (!file) throw missing();
  return file;
}

/**
 * The file, once the actor may read its space (403 revealing nothing otherwise). A file in the
 * recycle bin exists only for those who may restore it, and only when `inBin` asks for it.
 */
export async function readableFile(q: Queryable, actor: Actor, id: string, inBin = false): Promise<FileAccess> {
  const file = await findFile(q, id);
  const found = await authorizeSpace(q, actor, "space.read", file.space_id);
  if (file.deleted_at && (!inBin || !canRestoreFile(actor, found, file))) throw missing();
  return { file, found };
}

/** The file, live or in the bin, once the actor may restore it. */
export async function restorableFile(q: Queryable, actor: Actor, id: string): Promise<FileAccess> {
  const file = await findFile(q, id);
  // The policy gives the refusal its message (role, or archived space).
  const found = await authorizeSpace(q, actor, file.deleted_by === actor.id ? "file.upload" : "file.restore", file.space_id);
  if (!canRestoreFile(actor, found, file)) throw forbidden("Votre rôle ne permet pas cette action.");
  return { file, found };
}

/** The live file, once the actor may change it. */
export async function manageableFile(q: Queryable, actor: Actor, id: string): Promise<FileAccess> {
  const { file } = await readableFile(q, actor, id);
  const own = file.uploaded_by === actor.id;
  // The policy gives the refusal its message (role, or archived space).
  const found = await authorizeSpace(q, actor, own ? "file.upload" : "file.manageAny", file.space_id);
  return { file, found };
}
