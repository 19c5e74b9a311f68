/**
 * Resource libraries: /api/spaces/:spaceId/files (list, upload), /api/spaces/:spaceId/file-kinds,
 * and /api/files/:id (metadata, download, versions, recycle bin).
 */
import { auditRequest } from "../audit/request.js";
import {
  CreateFileKindBody,
  DownloadQuery,
  ListFilesQuery,
  UpdateFileBody,
  UploadFileQuery,
  UploadVersionQuery,
} from "@atelier/shared";
import { Hono } from "hono";
import type { AppEnv, Services } from "../context.js";
import { conflict, HttpError, notFound } from "../http/errors.js";
import { readJson, readQuery } from "../http/validate.js";
import {
  authorizeSpace,
  canManageFile,
  canRestoreFile,
  keepsFileBin,
  manageableFile,
  readableFile,
  requireActor,
  restorableFile,
  type Actor,
} from "../policy/index.js";
import { serve } from "./download.js";
import { addKind, assertKind, listKinds } from "./kinds.js";
import { createFile, createVersion, prepareFile } from "./create.js";
import { displayName } from "./names.js";
import {
  addVersion,
  getFile,
  getVersion,
  listFiles,
  listVersions,
  restorable,
  restoreFile,
  toSummary,
  toVersion,
  trashFile,
  updateFile,
} from "./queries.js";
import { storeThen } from "./upload.js";

export function fileRoutes(s: Services) {
  const app = new Hono<AppEnv>();

  /** The file as the caller sees it, read again after a change. */
  async function reply(actor: Actor, id: string) {
    const { file, found } = await readableFile(s.db, actor, id, true);
    return { file: toSummary(file, !file.deleted_at && canManageFile(actor, found, file.uploaded_by)) };
  }

  app.get("/spaces/:spaceId/files", async (c) => {
    const actor = requireActor(c.get("user"));
    const query = readQuery(c, ListFilesQuery);
    const trash = query.trash === "true";
    // The bin is open to whoever may put a file there: the pilotes see all of it, the others what they put in it.
    const found = await authorizeSpace(s.db, actor, trash ? "file.upload" : "space.read", c.req.param("spaceId"));
    const keepsBin = keepsFileBin(found);
    const rows = (await listFiles(s.db, found.space.id, query, trash && !keepsBin ? actor.id : undefined)).filter(
      (r) => !trash || canRestoreFile(actor, found, r),
    );
    return c.json({
      files: rows.map((r) => toSummary(r, !r.deleted_at && canManageFile(actor, found, r.uploaded_by))),
    });
  });

  app.post("/spaces/:spaceId/files", async (c) => {
    const actor = requireActor(c.get("user"));
    const found = await authorizeSpace(s.db, actor, "file.upload", c.req.param("spaceId"));
    const { name: rawName, ...meta } = readQuery(c, UploadFileQuery);
    const name = displayName(rawName);
    const file = await prepareFile(s.db, found.space.id, name, meta);
    const id = await storeThen(s, c, name, (version) => createFile(s, file, version, actor.id));
    return c.json(await reply(actor, id), 201);
  });

  app.get("/spaces/:spaceId/file-kinds", async (c) => {
    const actor = requireActor(c.get("user"));
    const found = await authorizeSpace(s.db, actor, "space.read", c.req.param("spaceId"));
    return c.json({ kinds: await listKinds(s.db, found.space.id) });
  });

  app.post("/spaces/:spaceId/file-kinds", async (c) => {
    const actor = requireActor(c.get("user"));
    const found = await authorizeSpace(s.db, actor, "file.manageKinds", c.req.param("spaceId"));
    const body = await readJson(c, CreateFileKindBody);
    const kind = await s.db.tx((q) => addKind(q, found.space.id, body.label, actor.id));
    return c.json({ kind }, 201);
  });

  app.get("/files/:id", async (c) => {
    const actor = requireActor(c.get("user"));
    return c.json(await reply(actor, c.req.param("id")));
  });

  app.get("/files/:id/download", async (c) => {
    const actor = requireActor(c.get("user"));
    const query = readQuery(c, DownloadQuery);
    const { file } = await readableFile(s.db, actor, c.req.param("id"), true);
    const version = query.version === undefined ? null : await getVersion(s.db, file.id, query.version);
    if (query.version !== undefined && !version) throw notFound("Cette version du fichier n'existe pas.");
    // Previews ask for ranges again and again: only the first request of a download is recorded.
    if (!c.req.header("range") || /^bytes=0-/.test(c.req.header("range")!)) {
      await auditRequest(c, s, s.db, {
        kind: "file.downloaded",
        spaceId: file.space_id,
        target: { type: "file", id: file.id },
        details: { title: file.title, version: query.version ?? null },
      });
    }
    return serve(
      s,
      c,
      version
        ? { key: version.storage_key, name: version.original_name, size: Number(version.size), mimeType: version.mime_type, sha256: version.sha256 }
        : { key: file.storage_key, name: file.original_name, size: Number(file.size), mimeType: file.mime_type, sha256: file.sha256 },
      query.inline === "1",
    );
  });

  app.patch("/files/:id", async (c) => {
    const actor = requireActor(c.get("user"));
    const { file } = await manageableFile(s.db, actor, c.req.param("id"));
    const body = await readJson(c, UpdateFileBody);
    await s.db.tx(async (q) => {
      if (body.kind) await assertKind(q, file.space_id, body.kind);
      await updateFile(q, file.id, body);
      await s.bus.emit(q, "fileChanged", { fileId: file.id });
    });
    return c.json(await reply(actor, file.id));
  });

  app.delete("/files/:id", async (c) => {
    const actor = requireActor(c.get("user"));
    const { file } = await manageableFile(s.db, actor, c.req.param("id"));
    await s.db.tx(async (q) => {
      await trashFile(q, file.id, actor.id);
      await s.bus.emit(q, "fileChanged", { fileId: file.id });
      await auditRequest(c, s, q, { kind: "file.deleted", spaceId: file.space_id, target: { type: "file", id: file.id }, details: { title: file.title } });
    });
    const trashed = await getFile(s.db, file.id);
    return c.json({ file: toSummary(trashed!, false) });
  });

  app.post("/files/:id/restore", async (c) => {
    const actor = requireActor(c.get("user"));
    const { file } = await restorableFile(s.db, actor, c.req.param("id"));
    if (!file.deleted_at) throw conflict("not_in_bin", "Ce fichier n'est pas dans la corbeille.");
    if (!restorable(file.deleted_at)) {
      throw new HttpError(410, "purged", "Ce fichier est dans la corbeille depuis plus de 30 jours : il ne peut plus être restauré.");
    }
    await s.db.tx(async (q) => {
      await restoreFile(q, file.id);
      await s.bus.emit(q, "fileChanged", { fileId: file.id });
      await auditRequest(c, s, q, { kind: "file.restored", spaceId: file.space_id, target: { type: "file", id: file.id }, details: { title: file.title } });
    });
    return c.json(await reply(actor, file.id));
  });

  app.get("/files/:id/versions", async (c) => {
    const actor = requireActor(c.get("user"));
    const { file } = await readableFile(s.db, actor, c.req.param("id"), true);
    return c.json({ versions: (await listVersions(s.db, file.id)).map(toVersion) });
  });

  app.post("/files/:id/versions", async (c) => {
    const actor = requireActor(c.get("user"));
    const { file } = await manageableFile(s.db, actor, c.req.param("id"));
    const name = displayName(readQuery(c, UploadVersionQuery).name);
    await storeThen(s, c, name, (version) => createVersion(s, file.id, version, actor.id));
    return c.json(await reply(actor, file.id), 201);
  });

  app.post("/files/:id/versions/:number/restore", async (c) => {
    const actor = requireActor(c.get("user"));
    const { file } = await manageableFile(s.db, actor, c.req.param("id"));
    const number = Number(c.req.param("number"));
    const old = Number.isInteger(number) ? await getVersion(s.db, file.id, number) : null;
    if (!old) throw notFound("Cette version du fichier n'existe pas.");
    if (number === file.current_version) throw conflict("already_current", "Cette version est déjà la version en cours.");
    await s.db.tx(async (q) => {
      await addVersion(
        q,
        file.id,
        { key: old.storage_key, originalName: old.original_name, size: Number(old.size), mimeType: old.mime_type, sha256: old.sha256 },
        actor.id,
        old.number,
      );
      await s.bus.emit(q, "fileChanged", { fileId: file.id });
    });
    return c.json(await reply(actor, file.id), 201);
  });

  return app;
}
