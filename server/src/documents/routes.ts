/**
 * Documents of a space: create from a template, list, read, rename, move to the trash and
 * restore; the current content as text or HTML. A document's space decides every access.
 */
import { auditRequest } from "../audit/request.js";
import { docToHtml, docToText } from "@atelier/editor";
import { logSkipped } from "../http/content-log.js";
import {
  canOnDocument,
  ContentQuery,
  CreateDocumentBody,
  ListDocumentsQuery,
  UpdateDocumentBody,
  type DocumentContentReply,
  type DocumentDetail,
  type DocumentFacts,
  type SpaceAction,
} from "@atelier/shared";
import { Hono, type Context } from "hono";
import { loadYDoc } from "./content.js";
import type { AppEnv, Services } from "../context.js";
import { readJson, readQuery } from "../http/validate.js";
import { authorizeDocument, authorizeSpace, requireActor, type SpaceWithStanding } from "../policy/index.js";
import {
  createDocument,
  findDocument,
  listDocuments,
  restoreDocument,
  toSummary,
  trashDocument,
  updateDocument,
  type DocumentRow,
} from "./queries.js";

function toDetail(row: DocumentRow, { space, standing }: SpaceWithStanding, facts: DocumentFacts): DocumentDetail {
  const can = (action: SpaceAction) => canOnDocument(standing, action, facts);
  return {
    ...toSummary(row),
    space: { id: space.id, name: space.name },
    can: {
      edit: can("document.edit"),
      editContent: can("document.editContent"),
      comment: can("space.comment"),
      trash: can("document.trash"),
      restore: can("document.restore"),
    },
  };
}

export function documentRoutes(s: Services) {
  const app = new Hono<AppEnv>();

  // The documents' own routes show the trash to those who may restore from it.
  const authorizeHere = (c: Context<AppEnv>, action: SpaceAction) =>
    authorizeDocument(s.db, requireActor(c.get("user")), c.req.param("id")!, action, true);

  const reply = async (c: Context<AppEnv>, id: string, found: SpaceWithStanding, facts: DocumentFacts) =>
    c.json({ document: toDetail((await findDocument(s.db, id))!, found, facts) });

  app.post("/spaces/:spaceId/documents", async (c) => {
    const actor = requireActor(c.get("user"));
    const found = await authorizeSpace(s.db, actor, "document.create", c.req.param("spaceId"));
    const body = await readJson(c, CreateDocumentBody);
    const row = await createDocument(s, {
      spaceId: found.space.id,
      title: body.title,
      kind: body.kind,
      themes: [...new Set(body.themes ?? [])],
      userId: actor.id,
    }, (q, id) => s.bus.emit(q, "documentChanged", { documentId: id }));
    // A document just created is a draft: nothing of it is frozen.
    return c.json({ document: toDetail(row, found, { archived: found.space.archived_at !== null, frozen: false }) }, 201);
  });

  app.get("/spaces/:spaceId/documents", async (c) => {
    const actor = requireActor(c.get("user"));
    const spaceId = c.req.param("spaceId");
    await authorizeSpace(s.db, actor, "space.read", spaceId);
    const filter = readQuery(c, ListDocumentsQuery);
    // The trash is for those who may restore what lies there.
    if (filter.trash === "true") await authorizeSpace(s.db, actor, "document.restore", spaceId);
    return c.json({ documents: await listDocuments(s.db, spaceId, filter) });
  });

  app.get("/documents/:id", async (c) => {
    const { row, found, facts } = await authorizeHere(c, "space.read");
    return c.json({ document: toDetail(row, found, facts) });
  });

  app.get("/documents/:id/content", async (c) => {
    const { row } = await authorizeHere(c, "space.read");
    const { format } = readQuery(c, ContentQuery);
    const ydoc = await loadYDoc(s.db, row.id);
    try {
      const content = format === "html" ? docToHtml(ydoc, logSkipped(row.id)) : docToText(ydoc, logSkipped(row.id));
      return c.json({ id: row.id, title: row.title, format, content } satisfies DocumentContentReply);
    } finally {
      ydoc.destroy();
    }
  });

  app.patch("/documents/:id", async (c) => {
    const { actor, row, found, facts } = await authorizeHere(c, "document.edit");
    const body = await readJson(c, UpdateDocumentBody);
    await s.db.tx(async (q) => {
      await updateDocument(q, row.id, { title: body.title, themes: body.themes && [...new Set(body.themes)] }, actor.id);
      await s.bus.emit(q, "documentChanged", { documentId: row.id });
    });
    return reply(c, row.id, found, facts);
  });

  app.delete("/documents/:id", async (c) => {
    const { actor, row, found, facts } = await authorizeHere(c, "document.trash");
    await s.db.tx(async (q) => {
      await trashDocument(q, row.id, actor.id);
      await s.bus.emit(q, "documentChanged", { documentId: row.id });
      await auditRequest(c, s, q, { kind: "document.trashed", spaceId: row.space_id, target: { type: "document", id: row.id }, details: { title: row.title } });
    });
    // Open sockets on it are closed, on every instance: they re-check the documents of the space.
    await s.bus.accessChanged({ kind: "space", spaceId: row.space_id });
    return reply(c, row.id, found, facts);
  });

  app.post("/documents/:id/restore", async (c) => {
    const { row, found, facts } = await authorizeHere(c, "document.restore");
    await s.db.tx(async (q) => {
      await restoreDocument(q, row.id);
      await s.bus.emit(q, "documentChanged", { documentId: row.id });
      await auditRequest(c, s, q, { kind: "document.restored", spaceId: row.space_id, target: { type: "document", id: row.id }, details: { title: row.title } });
    });
    return reply(c, row.id, found, facts);
  });

  return app;
}
