/**
 * Resumable uploads: /api/spaces/:spaceId/uploads and /api/files/:id/uploads open a session,
 * /api/uploads/:id tells its offset (GET), takes the next piece (PATCH) and cancels (DELETE).
 * The contract is in packages/shared/src/api/uploads.ts.
 */
import { randomUUID } from "node:crypto";
import { CreateUploadBody, CreateVersionUploadBody, UPLOAD_OFFSET_HEADER } from "@atelier/shared";
import { Hono, type Context } from "hono";
import type { AppEnv, Services } from "../context.js";
import type { Queryable } from "../db/index.js";
import { HttpError } from "../http/errors.js";
import { readJson } from "../http/validate.js";
import {
  authorizeSpace,
  canManageFile,
  manageableFile,
  ownUploadSession,
  readableFile,
  requireActor,
  uploadMayContinue,
  type Actor,
} from "../policy/index.js";
import { createFile, createVersion, prepareFile } from "../files/create.js";
import { displayName } from "../files/names.js";
import { toSummary } from "../files/queries.js";
import { checkAnnouncedSize, discard } from "../files/upload.js";
import { dropSession } from "./purge.js";
import { completeSession, expireSession, insertSession, takeLease, toSession, type SessionRow } from "./queries.js";
import { receivePiece, UPLOAD_PART_BYTES } from "./receive.js";
import { log } from "../logging/logger.js";

const PIECE_TYPES = ["application/offset+octet-stream", "application/octet-stream"];

export function uploadRoutes(s: Services) {
  const app = new Hono<AppEnv>();
  const session = (row: SessionRow, offset = Number(row.received)) => toSession({ ...row, received: offset }, UPLOAD_PART_BYTES);

  const open = async (c: Context<AppEnv>, actor: Actor, o: { spaceId: string; fileId: string | null; name: string; size: number; metadata: object }) => {
    checkAnnouncedSize(o.size, s.config.FILE_MAX_BYTES);
    const row = await insertSession(s.db, { ...o, id: randomUUID(), userId: actor.id, key: `files/${randomUUID()}` });
    return c.json({ upload: session(row) }, 201);
  };

  app.post("/spaces/:spaceId/uploads", async (c) => {
    const actor = requireActor(c.get("user"));
    const found = await authorizeSpace(s.db, actor, "file.upload", c.req.param("spaceId"));
    const { name: rawName, size, ...meta } = await readJson(c, CreateUploadBody);
    const name = displayName(rawName);
    // The metadata is checked now, not after the last byte.
    await prepareFile(s.db, found.space.id, name, meta);
    return open(c, actor, { spaceId: found.space.id, fileId: null, name, size, metadata: meta });
  });

  app.post("/files/:id/uploads", async (c) => {
    const actor = requireActor(c.get("user"));
    const { file } = await manageableFile(s.db, actor, c.req.param("id"));
    const { name, size } = await readJson(c, CreateVersionUploadBody);
    return open(c, actor, { spaceId: file.space_id, fileId: file.id, name: displayName(name), size, metadata: {} });
  });

  /** The file a finished upload became, as the caller may see it. */
  const fileOf = async (actor: Actor, row: SessionRow) => {
    const { file, found } = await readableFile(s.db, actor, row.completed_file_id!);
    return toSummary(file, canManageFile(actor, found, file.uploaded_by));
  };

  app.get("/uploads/:id", async (c) => {
    const actor = requireActor(c.get("user"));
    const row = await ownUploadSession(s.db, actor, c.req.param("id"));
    c.header("cache-control", "no-store");
    return c.json({ upload: session(row), ...(row.completed_file_id ? { file: await fileOf(actor, row) } : {}) });
  });

  app.patch("/uploads/:id", async (c) => {
    const actor = requireActor(c.get("user"));
    const owned = await ownUploadSession(s.db, actor, c.req.param("id"));
    // Refusals come before the body is read: the connection closes rather than take a piece for nothing.
    const refuse = (status: 400 | 404 | 409 | 415, code: string, message: string, details?: unknown) =>
      new HttpError(status, code, message, details, { connection: "close" });
    const type = (c.req.header("content-type") ?? "").split(";")[0]!.trim();
    if (!PIECE_TYPES.includes(type)) {
      throw refuse(415, "unsupported_content_type", "Les morceaux d'un fichier s'envoient en application/offset+octet-stream.");
    }
    const offset = c.req.header(UPLOAD_OFFSET_HEADER);
    if (!offset || !/^\d+$/.test(offset)) {
      throw refuse(400, "invalid_offset", "L'en-tête Upload-Offset doit donner la position du premier octet envoyé.");
    }
    const lease = randomUUID();
    const row = await takeLease(s.db, owned.id, lease);
    if (!row) throw refuse(404, "not_found", "Cet envoi n'existe pas ou a expiré : déposez à nouveau le fichier.");
    if (Number(offset) !== Number(row.received)) {
      throw refuse(409, "offset_mismatch", "Le serveur n'a pas reçu le fichier jusqu'à cette position : reprenez à la sienne.", {
        offset: Number(row.received),
      });
    }
    // Already finished: the client lost the last answer and asks again.
    if (row.completed_file_id) return c.json({ upload: session(row), file: await fileOf(actor, row) }, 201);
    await uploadMayContinue(s.db, actor, row);
    const length = c.req.header("content-length");
    if (length && /^\d+$/.test(length) && Number(offset) + Number(length) > Number(row.size)) {
      throw refuse(400, "upload_overflow", "Les données envoyées dépassent la taille annoncée du fichier.");
    }

    const piece = await receivePiece(s, c, row, lease);
    if (!piece.version) return c.json({ upload: session(row, piece.received) });
    const version = piece.version;
    const done = (q: Queryable, fileId: string) => completeSession(q, row.id, lease, fileId);
    let fileId: string;
    try {
      await uploadMayContinue(s.db, actor, row);
      fileId = row.file_id
        ? (await createVersion(s, row.file_id, version, actor.id, done), row.file_id)
        : await createFile(s, await prepareFile(s.db, row.space_id, row.original_name, row.metadata), version, actor.id, done);
    } catch (err) {
      // Refused at the last step (access withdrawn, file deleted meanwhile): nothing stays.
      await discard(s, version.key);
      await dropSession(s, { ...row, multipart_id: null, tail_key: piece.staleTail });
      throw err;
    }
    if (piece.staleTail) await discard(s, piece.staleTail);
    return c.json({ upload: session(row, piece.received), file: await fileOf(actor, { ...row, completed_file_id: fileId }) }, 201);
  });

  app.delete("/uploads/:id", async (c) => {
    const actor = requireActor(c.get("user"));
    const row = await ownUploadSession(s.db, actor, c.req.param("id"));
    // Cancelling is always the owner's right; should storage fail, the purge finishes the job.
    await expireSession(s.db, row.id);
    await dropSession(s, row).catch((err: Error) => log.error({ err }, `[uploads] cleanup of ${row.id} postponed`));
    return c.body(null, 204);
  });

  return app;
}
