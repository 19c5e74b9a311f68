/**
 * GET /api/documents/:id/export?format=…[&version=…][&comments=true]: the document as a file, for
 * whoever may read it (exporting is reading; the policy decides, trashed documents are 404s).
 */
import { ExportQuery } from "@atelier/shared";
import { Hono } from "hono";
import type { AppEnv, Services } from "../context.js";
import { contentDisposition } from "../files/names.js";
import { readQuery } from "../http/validate.js";
import { authorizeDocument, requireActor } from "../policy/index.js";
import { MIME_TYPES } from "./formats.js";
import { convert } from "./sandbox.js";
import { loadSource } from "./source.js";

/** Characters no file system takes in a name; a title without any usable one is named "document". */
const fileName = (title: string, ext: string) => `${title.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, " ").replace(/\s+/g, " ").trim() || "document"}.${ext}`;

export function exportRoutes(s: Services) {
  const app = new Hono<AppEnv>();

  app.get("/documents/:id/export", async (c) => {
    const user = requireActor(c.get("user"));
    const { row, found } = await authorizeDocument(s.db, user, c.req.param("id"), "space.read");
    const query = readQuery(c, ExportQuery);
    const source = await loadSource(s, {
      row,
      committee: found.space.name,
      versionId: query.version,
      comments: query.comments === "true",
      timeZone: c.get("user")!.timeZone,
    });
    const bytes = await convert(query.format, source);
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      "content-type": MIME_TYPES[query.format],
      "content-disposition": contentDisposition("attachment", fileName(row.title, query.format)),
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    });
  });

  return app;
}
