/**
 * Attachments of documents: POST /api/documents/:id/attachments (the body is the file) and
 * GET /api/attachments/:id. An attachment is read through its own document's space, never
 * through the document whose text happens to carry its address.
 */
import { ATTACHMENT_PATH, UploadAttachmentQuery, type Attachment } from "@atelier/shared";
import { randomUUID } from "node:crypto";
import { Hono } from "hono";
import type { AppEnv, Services } from "../context.js";
import { serve } from "../files/download.js";
import { displayName } from "../files/names.js";
import { storeThen } from "../files/upload.js";
import { notFound } from "../http/errors.js";
import { readQuery } from "../http/validate.js";
import { authorizeDocument, isUuid, requireActor } from "../policy/index.js";
import { findAttachment, insertAttachment } from "./queries.js";

export function attachmentRoutes(s: Services) {
  const app = new Hono<AppEnv>();

  app.post("/documents/:id/attachments", async (c) => {
    const actor = requireActor(c.get("user"));
    const { row } = await authorizeDocument(s.db, actor, c.req.param("id"), "document.editContent");
    const name = displayName(readQuery(c, UploadAttachmentQuery).name);
    const id = randomUUID();
    const stored = await storeThen(s, c, name, async (v) => {
      await s.db.tx((q) => insertAttachment(q, id, row.id, actor.id, v));
      return v;
    });
    const reply: Attachment = { id, url: `${ATTACHMENT_PATH}${id}`, name, mimeType: stored.mimeType, size: stored.size };
    return c.json(reply, 201);
  });

  app.get("/attachments/:id", async (c) => {
    const actor = requireActor(c.get("user"));
    const id = c.req.param("id");
    const row = isUuid(id) ? await findAttachment(s.db, id) : null;
    if (!row) throw notFound("Cette pièce jointe n'existe pas.");
    // Its document's space decides (a trashed document's attachments go with it).
    await authorizeDocument(s.db, actor, row.document_id, "space.read");
    return serve(
      s,
      c,
      { key: row.storage_key, name: row.original_name, size: Number(row.size), mimeType: row.mime_type, sha256: row.sha256 },
      // Images are shown in the text; anything else is downloaded (serve never shows HTML or SVG).
      row.mime_type.startsWith("image/"),
    );
  });

  return app;
}
