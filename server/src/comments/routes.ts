/**
 * Comments on a document: threads anchored to a passage, replies, @mentions, resolve and reopen.
 * A comment's permissions are its document's (space.read to read, space.comment to write), so the
 * national team, contributeurs and lecteurs comment without being able to edit.
 */
import {
  CreateThreadBody,
  ListThreadsQuery,
  ReplyBody,
  canInSpace,
  type CommentThread,
  type MentionableReply,
  type NotificationKind,
} from "@atelier/shared";
import { Hono, type Context } from "hono";
import type * as Y from "yjs";
import { loadYDoc } from "../documents/content.js";
import type { AppEnv, Services } from "../context.js";
import type { Queryable } from "../db/index.js";
import type { DocumentRow } from "../documents/queries.js";
import { badRequest, notFound } from "../http/errors.js";
import { readJson, readQuery } from "../http/validate.js";
import { notify } from "../notifications/notify.js";
import { isUuid, spaceReaders } from "../policy/index.js";
import { documentFor } from "../versions/document-access.js";
import { documentAuthors, userNames } from "../versions/queries.js";
import { decodeAnchor, resolveAnchor } from "./anchors.js";
import {
  commentsOf,
  findThread,
  insertComment,
  insertThread,
  listThreads,
  mentionCandidates,
  participants,
  reopenThread,
  resolveThread,
  type ThreadRow,
} from "./queries.js";

/** The people who wrote in the document: its creator (the template) and everyone who typed in it. */
const writersOf = async (q: Queryable, document: DocumentRow) => [
  ...(document.created_by ? [document.created_by] : []),
  ...(await documentAuthors(q, document.id)),
];

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/** The threads as the API shows them, each anchor resolved against the current state. */
async function present(q: Queryable, doc: Y.Doc, threads: ThreadRow[]): Promise<CommentThread[]> {
  const comments = await commentsOf(q, threads.map((t) => t.id));
  const names = await userNames(q, [
    ...threads.flatMap((t) => [t.created_by, t.resolved_by]),
    ...comments.flatMap((c) => [c.author_id, ...c.mentions]),
  ].filter((id): id is string => !!id));
  const person = (id: string | null) => (id ? { id, name: names.get(id) ?? "" } : null);
  return threads.map((t) => {
    const anchor = decodeAnchor({ from: t.anchor_from, to: t.anchor_to });
    return {
      id: t.id,
      documentId: t.document_id,
      anchor: { from: t.anchor_from, to: t.anchor_to },
      quote: t.quote,
      anchorState: anchor ? resolveAnchor(doc, anchor) : { deleted: true, text: "" },
      status: t.resolved_at ? "resolved" : "open",
      createdAt: iso(t.created_at)!,
      createdBy: person(t.created_by),
      resolvedAt: iso(t.resolved_at),
      resolvedBy: person(t.resolved_by),
      comments: comments
        .filter((c) => c.thread_id === t.id)
        .map((c) => ({
          id: c.id,
          author: person(c.author_id),
          body: c.body,
          mentions: c.mentions.map((id) => person(id)!),
          createdAt: iso(c.created_at)!,
        })),
    };
  });
}

export function commentRoutes(s: Services) {
  const app = new Hono<AppEnv>();

  async function withDoc<T>(documentId: string, fn: (doc: Y.Doc) => Promise<T>): Promise<T> {
    const doc = await loadYDoc(s.db, documentId);
    try {
      return await fn(doc);
    } finally {
      doc.destroy();
    }
  }

  const threadReply = (c: Context<AppEnv>, document: DocumentRow, threadId: string, status: 200 | 201 = 200) =>
    withDoc(document.id, async (doc) =>
      c.json({ thread: (await present(s.db, doc, [(await findThread(s.db, document.id, threadId))!]))[0]! }, status),
    );

  async function threadOf(c: Context<AppEnv>, document: DocumentRow) {
    const id = c.req.param("threadId") ?? "";
    const row = isUuid(id) ? await findThread(s.db, document.id, id) : null;
    if (!row) throw notFound("Cette discussion n'existe pas.");
    return row;
  }

  /** Mentions name readers of the document only: anyone else is refused, naming nobody. */
  async function checkMentions(document: DocumentRow, mentions: string[] | undefined) {
    const wanted = [...new Set(mentions ?? [])];
    const readers = new Set(await spaceReaders(s.db, wanted, document.space_id));
    if (wanted.some((id) => !readers.has(id))) {
      throw badRequest("invalid_mention", "Vous ne pouvez mentionner que des personnes qui peuvent lire ce document.");
    }
    return wanted;
  }

  /**
   * Tells each person once, the most specific reason first: mentioned, then a reply in their
   * thread, then a comment on a document they wrote in. notify() keeps readers only.
   */
  async function tell(
    q: Queryable,
    document: DocumentRow,
    actorId: string,
    who: { kind: NotificationKind; recipients: string[]; summary: string }[],
  ) {
    const told = new Set<string>([actorId]);
    for (const w of who) {
      const recipients = w.recipients.filter((id) => !told.has(id));
      recipients.forEach((id) => told.add(id));
      if (recipients.length === 0) continue;
      await notify(s, q, {
        kind: w.kind,
        recipients,
        documentId: document.id,
        spaceId: document.space_id,
        actor: { id: actorId },
        summary: w.summary,
      });
    }
  }

  app.get("/documents/:id/comments", async (c) => {
    const { document, found } = await documentFor(s, c, "space.read");
    const { status } = readQuery(c, ListThreadsQuery);
    const threads = await listThreads(s.db, document.id, status);
    return withDoc(document.id, async (doc) =>
      c.json({
        threads: await present(s.db, doc, threads),
        can: { comment: canInSpace(found.standing, "space.comment", found.space.archived_at !== null) },
      }),
    );
  });

  app.get("/documents/:id/mentionable", async (c) => {
    const { document } = await documentFor(s, c, "space.comment");
    const candidates = await mentionCandidates(s.db, document.space_id);
    const readers = new Set(await spaceReaders(s.db, candidates.map((p) => p.id), document.space_id));
    return c.json({ people: candidates.filter((p) => readers.has(p.id)) } satisfies MentionableReply);
  });

  app.post("/documents/:id/comments", async (c) => {
    const { actor, user, document } = await documentFor(s, c, "space.comment");
    const body = await readJson(c, CreateThreadBody);
    const anchor = decodeAnchor(body.anchor);
    if (!anchor) throw badRequest("invalid_anchor", "L'emplacement du commentaire est illisible.");
    const placed = await withDoc(document.id, async (doc) => resolveAnchor(doc, anchor));
    if (placed.deleted) throw badRequest("invalid_anchor", "Le passage commenté est introuvable ou vide dans le document.");
    const mentions = await checkMentions(document, body.mentions);
    const id = crypto.randomUUID();
    const who = `${user.firstName} ${user.lastName}`.trim();
    await s.db.tx(async (q) => {
      await insertThread(q, { id, documentId: document.id, from: body.anchor.from, to: body.anchor.to, quote: body.quote, userId: actor.id });
      await insertComment(q, { threadId: id, userId: actor.id, body: body.body, mentions });
      await s.bus.emit(q, "commentThreadChanged", { threadId: id });
      await tell(q, document, actor.id, [
        { kind: "mention", recipients: mentions, summary: `${who} vous a mentionné dans « ${document.title} »` },
        { kind: "comment", recipients: await writersOf(q, document), summary: `${who} a commenté « ${document.title} »` },
      ]);
    });
    return threadReply(c, document, id, 201);
  });

  app.post("/documents/:id/comments/:threadId/replies", async (c) => {
    const { actor, user, document } = await documentFor(s, c, "space.comment");
    const thread = await threadOf(c, document);
    const body = await readJson(c, ReplyBody);
    const mentions = await checkMentions(document, body.mentions);
    const who = `${user.firstName} ${user.lastName}`.trim();
    await s.db.tx(async (q) => {
      const before = await participants(q, thread.id);
      await insertComment(q, { threadId: thread.id, userId: actor.id, body: body.body, mentions });
      await s.bus.emit(q, "commentThreadChanged", { threadId: thread.id });
      await tell(q, document, actor.id, [
        { kind: "mention", recipients: mentions, summary: `${who} vous a mentionné dans « ${document.title} »` },
        { kind: "reply", recipients: before, summary: `${who} a répondu à une discussion de « ${document.title} »` },
        { kind: "comment", recipients: await writersOf(q, document), summary: `${who} a commenté « ${document.title} »` },
      ]);
    });
    return threadReply(c, document, thread.id, 201);
  });

  app.post("/documents/:id/comments/:threadId/resolve", async (c) => {
    const { actor, document } = await documentFor(s, c, "space.comment");
    const thread = await threadOf(c, document);
    if (!thread.resolved_at) {
      await s.db.tx(async (q) => {
        await resolveThread(q, thread.id, actor.id);
        await s.bus.emit(q, "commentThreadChanged", { threadId: thread.id });
      });
    }
    return threadReply(c, document, thread.id);
  });

  app.post("/documents/:id/comments/:threadId/reopen", async (c) => {
    const { document } = await documentFor(s, c, "space.comment");
    const thread = await threadOf(c, document);
    await s.db.tx(async (q) => {
      await reopenThread(q, thread.id);
      await s.bus.emit(q, "commentThreadChanged", { threadId: thread.id });
    });
    return threadReply(c, document, thread.id);
  });

  return app;
}
