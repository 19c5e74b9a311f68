/**
 * Access to an upload session: its owner's alone, and only while they may still upload there
 * (a new file in the space, or a new version of a file they may manage).
 */
import type { Queryable } from "../db/index.js";
import { forbidden, notFound } from "../http/errors.js";
import { getSession, type SessionRow } from "../uploads/queries.js";
import { manageableFile } from "./files.js";
import { authorizeSpace } from "./spaces.js";
import { isUuid, type Actor } from "./standing.js";

const gone = () => notFound("Cet envoi n'existe pas ou a expiré : déposez à nouveau le fichier.");

/** The caller's own live session; anyone else's is refused, saying nothing of it. */
export async function ownUploadSession(q: Queryable, actor: Actor, id: string): Promise<SessionRow> {
  const row = isUuid(id) ? await getSession(q, id) : null;
  if (!row) throw gone();
  if (row.user_id !== actor.id) throw forbidden();
  return row;
}

/** Asks again, as at the start: a role or a file can change while a large file arrives. */
export async function uploadMayContinue(q: Queryable, actor: Actor, row: SessionRow): Promise<void> {
  if (row.file_id) await manageableFile(q, actor, row.file_id);
  else await authorizeSpace(q, actor, "file.upload", row.space_id);
}
