/** Access to one file: its space decides, through the one policy module. */
import { canInSpace } from "@atelier/shared";
import type { Services } from "../context.js";
import { forbidden, notFound } from "../http/errors.js";
import { authorizeSpace, isUuid, type Actor, type SpaceWithStanding } from "../policy/index.js";
import { getFile, type FileRow } from "./queries.js";

export interface FileAccess {
  file: FileRow;
  found: SpaceWithStanding;
}

const missing = () => notFound("Ce fichier n'existe pas.");

/** Whether the actor may edit, version and delete this file: any file, or one of their own. */
export function canManage(actor: Actor, found: SpaceWithStanding, uploadedBy: string | null): boolean {
  const archived = found.space.archived_at !== null;
  return (
    canInSpace(found.standing, "file.manageAny", archived) ||
    (uploadedBy === actor.id && canInSpace(found.standing, "file.upload", archived))
  );
}

/**
 * Whether the actor may bring this file back from the bin: any file for those who keep the bin
 * (pilotes), and for whoever put it there while they may still change it (a partner undoes the
 * trashing of his own file; a pilote's trashing is not undone by the partner).
 */
export function canRestore(actor: Actor, found: SpaceWithStanding, file: Pick<FileRow, "deleted_by" | "uploaded_by">): boolean {
  return (
    canInSpace(found.standing, "file.restore", found.space.archived_at !== null) ||
    (file.deleted_by === actor.id && canManage(actor, found, file.uploaded_by))
  );
}

/**
 * The file, once the actor may read its space (403 revealing nothing otherwise). A file in the
 * recycle bin exists only for those who may restore it, and only when `inBin` asks for it.
 */
export async function readableFile(s: Services, actor: Actor, id: string, inBin = false): Promise<FileAccess> {
  const file = await findFile(s, id);
  const found = await authorizeSpace(s.db, actor, "space.read", file.space_id);
  if (file.deleted_at && (!inBin || !canRestore(actor, found, file))) throw missing();
  return { file, found };
}

async function findFile(s: Services, id: string): Promise<FileRow> {
  const file = isUuid(id) ? await getFile(s.db, id) : null;
  if (!file) throw missing();
  return file;
}

/** The file, live or in the bin, once the actor may restore it. */
export async function restorableFile(s: Services, actor: Actor, id: string): Promise<FileAccess> {
  const file = await findFile(s, id);
  // The policy gives the refusal its message (role, or archived space).
  const found = await authorizeSpace(s.db, actor, file.deleted_by === actor.id ? "file.upload" : "file.restore", file.space_id);
  if (!canRestore(actor, found, file)) throw forbidden("Votre rôle ne permet pas cette action.");
  return { file, found };
}

/** The live file, once the actor may change it. */
export async function manageableFile(s: Services, actor: Actor, id: string): Promise<FileAccess> {
  const { file } = await readableFile(s, actor, id);
  const own = file.uploaded_by === actor.id;
  // The policy gives the refusal its message (role, or archived space).
  const found = await authorizeSpace(s.db, actor, own ? "file.upload" : "file.manageAny", file.space_id);
  return { file, found };
}
