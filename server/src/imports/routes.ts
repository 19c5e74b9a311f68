/**
 * Importing files: POST /api/spaces/:spaceId/documents/import makes a new document of a file
 * (DOCX, ODT, Markdown, HTML), created by the documents capability's own path; POST
 * /api/documents/:id/import-fragment converts a file for the editor to insert at its cursor. Both
 * are writing (the policy's document.create and document.editContent), and both answer what of
 * the file could not be kept. Nothing is written before the file is converted; a failure after
 * removes what was stored. A new document keeps the file's comments as threads on their passages;
 * a fragment cannot (its positions are the editor's to choose), and says so.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { contentUpdateAt } from "@atelier/editor";
import {
  FILE_IMPORT_MAX_BYTES,
  ImportDocumentFields,
  type ImportDocumentReply,
  type ImportFragmentReply,
} from "@atelier/shared";
import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { AppEnv, Services } from "../context.js";
import { createDocument } from "../documents/queries.js";
import { badRequest, HttpError } from "../http/errors.js";
import { parseWith } from "../http/validate.js";
import { authorizeDocument, authorizeSpace, requireActor } from "../policy/index.js";
import { placeComments } from "./comments.js";
import { convertFile } from "./convert/index.js";
import { formatOf, unreadable } from "./format.js";
import { schemaDoc, storeConverted } from "./store.js";

/** The import routes: their multipart body has its own limit, not the JSON one. */
export const isImport = (method: string, p: string) =>
  method === "POST" && /^\/api\/(spaces\/[^/]+\/documents\/import|documents\/[^/]+\/import-fragment)$/.test(p);

const megabytes = Math.round(FILE_IMPORT_MAX_BYTES / (1024 * 1024));
const limit = bodyLimit({
  // The multipart envelope and the other fields come on top of the file.
  maxSize: FILE_IMPORT_MAX_BYTES + 64 * 1024,
  onError: () => {
    throw new HttpError(413, "file_too_large", `Le fichier dépasse ${megabytes} Mo : il n'a pas été importé.`);
  },
});

interface Upload {
  name: string;
  data: Buffer;
  fields: Record<string, unknown>;
}

async function readUpload(c: Context): Promise<Upload> {
  if (!(c.req.header("content-type") ?? "").includes("multipart/form-data")) {
    throw badRequest("unsupported_content_type", "Envoyez le fichier dans un formulaire (multipart/form-data), dans le champ « file ».");
  }
  const body = await c.req.parseBody().catch(() => {
    throw badRequest("invalid_body", "Le formulaire envoyé est illisible ou incomplet.");
  });
  const { file, ...fields } = body;
  if (!(file instanceof File)) throw badRequest("missing_file", "Choisissez le fichier à importer (champ « file »).");
  if (file.size === 0) throw badRequest("empty_file", "Le fichier est vide : il n'a pas été importé.");
  return { name: file.name, data: Buffer.from(await file.arrayBuffer()), fields };
}

/** The file converted in the sandbox, from a temporary copy removed afterwards. */
async function convert(upload: Upload) {
  const format = formatOf(upload.data.subarray(0, 8), upload.name);
  const dir = await mkdtemp(path.join(tmpdir(), "atelier-import-"));
  try {
    const file = path.join(dir, "file");
    await writeFile(file, upload.data);
    const converted = await convertFile(file, format);
    if (!converted.ok) throw unreadable(converted.reason);
    return { ...converted, doc: schemaDoc(converted.doc) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const baseName = (name: string) => name.replace(/\.[a-z0-9]+$/i, "").trim();

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");
const commentsLost = (n: number, why: string) => (n ? [`${n > 1 ? `${n} commentaires n'ont pas été repris` : "1 commentaire n'a pas été repris"} : ${why}.`] : []);

export function importRoutes(s: Services) {
  const app = new Hono<AppEnv>();

  app.post("/spaces/:spaceId/documents/import", limit, async (c) => {
    const actor = requireActor(c.get("user"));
    const found = await authorizeSpace(s.db, actor, "document.create", c.req.param("spaceId"));
    const upload = await readUpload(c);
    const fields = parseWith(ImportDocumentFields, upload.fields);
    const title = (fields.title ?? baseName(upload.name)).slice(0, 200) || "Document importé";
    const converted = await convert(upload);
    const kept = await storeConverted(s, converted, baseName(upload.name) || "import");
    try {
      const { doc, placed, unplaced } = placeComments(kept.doc, converted.comments);
      const { update, positions } = contentUpdateAt(doc, placed.flatMap((p) => [p.from, p.to]));
      const threads = placed.map((p, i) => ({ from: base64(positions[2 * i]!), to: base64(positions[2 * i + 1]!), quote: p.quote, body: p.body }));
      const row = await createDocument(
        s,
        { spaceId: found.space.id, title, kind: fields.kind, themes: [], userId: actor.id, content: update },
        async (q, id) => {
          await kept.stored.insert(q, id, actor.id);
          await s.bus.emit(q, "documentChanged", { documentId: id });
          if (threads.length) await s.bus.emit(q, "documentCommentsImported", { documentId: id, userId: actor.id, threads });
        },
      );
      const dropped = [...kept.dropped, ...commentsLost(unplaced, "le passage commenté n'a pas de texte dans le document importé")];
      return c.json({ id: row.id, dropped } satisfies ImportDocumentReply, 201);
    } catch (err) {
      await kept.stored.discard();
      throw err;
    }
  });

  app.post("/documents/:id/import-fragment", limit, async (c) => {
    const actor = requireActor(c.get("user"));
    const { row } = await authorizeDocument(s.db, actor, c.req.param("id"), "document.editContent");
    const upload = await readUpload(c);
    const converted = await convert(upload);
    const { doc, dropped, stored } = await storeConverted(s, converted, baseName(upload.name) || "import");
    try {
      await s.db.tx((q) => stored.insert(q, row.id, actor.id));
    } catch (err) {
      await stored.discard();
      throw err;
    }
    const lost = commentsLost(converted.comments.length, "importés dans un document ouvert, ils n'ont pas de passage où s'ancrer (importez le fichier comme nouveau document pour les garder)");
    return c.json({ content: placeComments(doc, []).doc, dropped: [...dropped, ...lost] } satisfies ImportFragmentReply);
  });

  return app;
}
