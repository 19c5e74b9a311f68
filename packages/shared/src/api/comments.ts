/**
 * Comments on a document: threads anchored to a passage by Yjs relative positions (so they
 * follow their text while it is edited), replies, @mentions, resolve and reopen.
 */
import { z } from "zod";
import { text } from "./common.js";

export const COMMENT_MAX_CHARS = 5000;
export const QUOTE_MAX_CHARS = 1000;
export const MENTIONS_MAX = 20;

/** An encoded Y.RelativePosition (Y.encodeRelativePosition), in base64. */
const RelativePosition = z
  .string()
  .min(4)
  .max(512)
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, "Position d'ancrage invalide.");

export const CommentAnchor = z.strictObject({ from: RelativePosition, to: RelativePosition });
export type CommentAnchor = z.infer<typeof CommentAnchor>;

const Body = text(COMMENT_MAX_CHARS);
const Mentions = z.array(z.uuid()).max(MENTIONS_MAX);

export const CreateThreadBody = z.strictObject({
  anchor: CommentAnchor,
  /** The selected text when the comment was written. */
  quote: text(QUOTE_MAX_CHARS),
  body: Body,
  /** Ids of the people mentioned with @: readers of the document only. */
  mentions: Mentions.optional(),
});
export type CreateThreadBody = z.infer<typeof CreateThreadBody>;

export const ReplyBody = z.strictObject({ body: Body, mentions: Mentions.optional() });
export type ReplyBody = z.infer<typeof ReplyBody>;

export const ListThreadsQuery = z.object({ status: z.enum(["open", "resolved", "all"]).default("all") });

const Person = z.object({ id: z.string(), name: z.string() });

export const Comment = z.object({
  id: z.string(),
  author: Person.nullable(),
  body: z.string(),
  mentions: z.array(Person),
  createdAt: z.string(),
});
export type Comment = z.infer<typeof Comment>;

export const CommentThread = z.object({
  id: z.string(),
  documentId: z.string(),
  anchor: CommentAnchor,
  quote: z.string(),
  /** Where the anchor stands in the current text: the passage now, or deleted ("texte supprimé"). */
  anchorState: z.object({ deleted: z.boolean(), text: z.string() }),
  status: z.enum(["open", "resolved"]),
  createdAt: z.string(),
  createdBy: Person.nullable(),
  resolvedAt: z.string().nullable(),
  resolvedBy: Person.nullable(),
  comments: z.array(Comment),
});
export type CommentThread = z.infer<typeof CommentThread>;

export const ThreadListReply = z.object({
  threads: z.array(CommentThread),
  can: z.object({ comment: z.boolean() }),
});
export type ThreadListReply = z.infer<typeof ThreadListReply>;
export const ThreadReply = z.object({ thread: CommentThread });

/** People who may be mentioned: those who can read the document. */
export const MentionableReply = z.object({ people: z.array(Person.extend({ email: z.string() })) });
export type MentionableReply = z.infer<typeof MentionableReply>;
