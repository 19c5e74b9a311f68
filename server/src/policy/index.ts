/**
 * The one place that decides access. Routes, the collaboration socket and downloads call
 * these functions; the rules themselves are the shared, declarative ones in @atelier/shared.
 *
 * A space that does not exist is a 404; a space the person cannot read is a 403 that names
 * nothing of it; a space they read but where the action is not theirs is a 403 too.
 *
 * One file per kind of thing, each loading its facts and applying the shared rules: spaces.ts,
 * documents.ts (the /documents/:id routes, the socket, the notifications), files.ts (ownership and
 * the recycle bin), uploads.ts (upload sessions), and readable.ts: for a list or a search, the
 * spaces an actor reads as SQL parameters and the conditions that filter rows with them, so that a
 * query filters before any limit or count with the same rules as every route.
 * This file only gathers them; the files import standing.ts and each other, never this one.
 */
import { canOnPlatform, type PlatformAction } from "@atelier/shared";
import { forbidden, unauthorized } from "../http/errors.js";
import type { SessionUser } from "../auth/sessions.js";
import type { Actor } from "./standing.js";

export { neighbourSpaces, reachableSpaces, standingInSpace, isUuid, type Actor, type SpaceRow, type SpaceWithStanding } from "./standing.js";

export function requireActor(user: SessionUser | null): Actor {
  if (!user) throw unauthorized();
  return { id: user.id, platformRole: user.platformRole };
}

export function authorizePlatform(actor: Actor, action: PlatformAction): void {
  if (!canOnPlatform(actor.platformRole, action)) throw forbidden();
}

export { authorizeSpace, canSpace, spaceReaders } from "./spaces.js";
export { authorizeDocument, canDocument, canReadDocument, documentReaders, socketAccess, type SocketAccess } from "./documents.js";
export { canManageFile, canRestoreFile, keepsFileBin, manageableFile, readableFile, restorableFile, type FileAccess } from "./files.js";
export { ownUploadSession, uploadMayContinue } from "./uploads.js";
export { readableSpaceIds, documentOutOfTrashSql } from "./readable.js";
export { assertNotSolePilote, keepOnePilote } from "./pilotes.js";
export { proConnectRequired, signInRefusal, type SignInMethod } from "./sign-in.js";
export { operatorAccess, type OperatorAccess } from "./operator.js";
export { searchScope, searchVisibleSql, type SearchScope } from "./search.js";
export { authorizeSources, authorizeSynthesis, type ReadableSource } from "./syntheses.js";
export { authorizeVisitor } from "./visitor.js";
export { visitorImage, type PublishedImages } from "./images.js";
export { authorizeEvent, visitorEventFile } from "./events.js";
export { authorizeProposal } from "./practices.js";
export { authorizeQuestionnaire } from "./questionnaires.js";
