/**
 * The history of a document: list its versions, open one read-only, compare it, name one or the
 * current state, and restore one (a new version; history is never rewritten).
 */
import { docToHtml, docToText } from "@atelier/editor";
import { logSkipped } from "../http/content-log.js";
import { canOnDocument, DiffQuery, NameVersionBody, type DiffReply, type VersionReply } from "@atelier/shared";
import { Hono, type Context } from "hono";
import * as Y from "yjs";
import { recordAudit } from "../audit/record.js";
import type { AppEnv, Services } from "../context.js";
import type { Queryable } from "../db/index.js";
import { loadYDoc } from "../documents/content.js";
import { clientAddress } from "../http/client-address.js";
import { notFound } from "../http/errors.js";
import { readJson, readQuery } from "../http/validate.js";
import { isUuid } from "../policy/index.js";
import { documentFor } from "./document-access.js";
import { diffDocs } from "./diff.js";
import { findVersion, listVersions, renameVersion, toVersionSummary, userNames, versionState, type VersionRow } from "./queries.js";
import { restoreInto } from "./restore.js";
import { createVersion, snapshotIfChanged } from "./service.js";

async function summaries(q: Queryable, rows: VersionRow[]) {
  const names = await userNames(q, rows.flatMap((r) => r.authors));
  return rows.map((r) => toVersionSummary(r, names));
}

/** A version's snapshot as a document, read from its one row. */
async function versionDoc(q: Queryable, versionId: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, await versionState(q, versionId));
  return doc;
}

export function versionRoutes(s: Services) {
  const app = new Hono<AppEnv>();

  async function versionOf(c: Context<AppEnv>, documentId: string, param = c.req.param("versionId") ?? "") {
    const row = isUuid(param) ? await findVersion(s.db, documentId, param) : null;
    if (!row) throw notFound("Cette version n'existe pas.");
    return row;
  }

  const one = async (documentId: string, versionId: string) =>
    (await summaries(s.db, [(await findVersion(s.db, documentId, versionId))!]))[0]!;

  app.get("/documents/:id/versions", async (c) => {
    const { document, found, facts } = await documentFor(s, c, "space.read");
    return c.json({
      versions: await summaries(s.db, await listVersions(s.db, document.id)),
      can: {
        name: canOnDocument(found.standing, "version.name", facts),
        // A frozen text is not restored over: the restore would change it.
        restore: canOnDocument(found.standing, "version.restore", facts),
      },
    });
  });

  app.get("/documents/:id/versions/:versionId", async (c) => {
    const { document } = await documentFor(s, c, "space.read");
    const row = await versionOf(c, document.id);
    const doc = await versionDoc(s.db, row.id);
    try {
      const [version] = await summaries(s.db, [row]);
      return c.json({ version: version!, html: docToHtml(doc, logSkipped(document.id)), text: docToText(doc) } satisfies VersionReply);
    } finally {
      doc.destroy();
    }
  });

  app.get("/documents/:id/versions/:versionId/diff", async (c) => {
    const { document } = await documentFor(s, c, "space.read");
    const row = await versionOf(c, document.id);
    const { against } = readQuery(c, DiffQuery);
    const other = against === "current" ? null : await versionOf(c, document.id, against);
    const from = await versionDoc(s.db, row.id);
    const to = other ? await versionDoc(s.db, other.id) : await loadYDoc(s.db, document.id);
    try {
      return c.json({ from: row.id, against, ...diffDocs(from, to, logSkipped(document.id)) } satisfies DiffReply);
    } finally {
      from.destroy();
      to.destroy();
    }
  });

  app.post("/documents/:id/versions", async (c) => {
    const { actor, document } = await documentFor(s, c, "version.name");
    const { name } = await readJson(c, NameVersionBody);
    const made = await s.db.tx((q) => createVersion(s, q, { documentId: document.id, name, authorId: actor.id, kind: "named" }));
    return c.json({ version: await one(document.id, made.id) }, 201);
  });

  app.patch("/documents/:id/versions/:versionId", async (c) => {
    const { document } = await documentFor(s, c, "version.name");
    const row = await versionOf(c, document.id);
    const { name } = await readJson(c, NameVersionBody);
    await renameVersion(s.db, row.id, name);
    return c.json({ version: await one(document.id, row.id) });
  });

  app.post("/documents/:id/versions/:versionId/restore", async (c) => {
    const { actor, user, document } = await documentFor(s, c, "version.restore");
    const row = await versionOf(c, document.id);
    // What is about to be replaced stays in the history.
    await snapshotIfChanged(s.db, { documentId: document.id, name: null, authorId: null, kind: "auto" });
    const version = await versionDoc(s.db, row.id);
    try {
      await s.content.edit(document.id, actor.id, (live) => restoreInto(live, version));
    } finally {
      version.destroy();
    }
    const made = await s.db.tx(async (q) => {
      const v = await createVersion(s, q, {
        documentId: document.id,
        name: null,
        authorId: actor.id,
        kind: "restore",
        restoredFrom: row.id,
      });
      await recordAudit(q, {
        kind: "version.restored",
        actor: { id: user.id, email: user.email },
        spaceId: document.space_id,
        target: { type: "document", id: document.id },
        details: { versionId: row.id, newVersionId: v.id, title: document.title },
        address: clientAddress(c, s.config.TRUST_PROXY),
      });
      return v;
    });
    return c.json({ version: await one(document.id, made.id) }, 201);
  });

  return app;
}
