/**
 * GET /api/spaces/:id/activity: the latest things that happened in a space (documents created,
 * written, commented, moved through the workflow; files added), newest first, for its readers.
 */
import { z } from "zod";
import { DOCUMENT_STATUSES } from "./workflow.js";

export const ACTIVITY_KINDS = ["document.created", "document.edited", "comment", "status", "file.added", "file.version"] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/** How many entries the space's home shows. */
export const ACTIVITY_LIMIT = 10;

export const ActivityEntry = z.object({
  kind: z.enum(ACTIVITY_KINDS),
  at: z.string(),
  actor: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** The document or the file it is about. */
  target: z.object({ type: z.enum(["document", "file"]), id: z.string(), title: z.string() }),
  /** For a status change: the status reached. */
  status: z.enum(DOCUMENT_STATUSES).nullable(),
});
export type ActivityEntry = z.infer<typeof ActivityEntry>;

export const ActivityReply = z.object({ activity: z.array(ActivityEntry) });
export type ActivityReply = z.infer<typeof ActivityReply>;
