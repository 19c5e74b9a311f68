/** Access to an upload session: its owner's alone, and only while they may still upload there. */
import type { Services } from "../context.js";
import { forbidden, notFound } from "../http/errors.js";
import { manageableFile } from "../files/access.js";
import { authorizeSpace, isUuid, type Actor } from "../policy/index.js";
import { getSession, type SessionRow } from "./queries.js";

const gone = () => notFound("Cet envoi n'existe pas ou a expiré : déposez à nouveau le fichier.");

/** The caller's own live session; anyone else's is refused, saying nothing of it. */
export async function ownSession(s: Services, actor: Actor, id: string): Promise<SessionRow> {
  const row = isUuid(id) ? await getSession(s.db, id) : null;
  if (!row) throw gone();
  if (row.user_id !== actor.id) throw forbidden();
  return row;
}

/** Asks the policy again, as at the start: a role or a file can change while a large file arrives. */
export async function assertMayContinue(s: Services, actor: Actor, row: SessionRow): Promise<void> {
  if (row.file_id) await manageableFile(s, actor, row.file_id);
  else await authorizeSpace(s.db, actor, "file.upload", row.space_id);
}
