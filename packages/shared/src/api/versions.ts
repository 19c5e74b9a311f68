/**
 * Versions of a document: kept automatically while people write, named by the committee,
 * frozen by the workflow, brought back by a restore. Read-only once made.
 */
import { z } from "zod";
import { text } from "./common.js";

export const VERSION_KINDS = ["auto", "named", "restore", "workflow"] as const;
export type VersionKind = (typeof VERSION_KINDS)[number];

export const VERSION_KIND_LABELS: Record<VersionKind, string> = {
  auto: "Enregistrement automatique",
  named: "Version nommée",
  restore: "Restauration",
  workflow: "Étape de validation",
};

/** "présentée au COPIL du 4 décembre" */
export const VersionName = text(200);

export const NameVersionBody = z.strictObject({ name: VersionName });
export type NameVersionBody = z.infer<typeof NameVersionBody>;

export const VersionSummary = z.object({
  id: z.string(),
  documentId: z.string(),
  kind: z.enum(VERSION_KINDS),
  name: z.string().nullable(),
  reason: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** Who edited the document since the previous version. */
  authors: z.array(z.object({ id: z.string(), name: z.string() })),
  /** For a restore: the version brought back. */
  restoredFrom: z.string().nullable(),
  /** For a restore: the name and instant of the version brought back, for the client to word in the reader's zone. */
  restored: z.object({ name: z.string().nullable(), createdAt: z.string() }).nullable(),
});
export type VersionSummary = z.infer<typeof VersionSummary>;

export const VersionListReply = z.object({
  versions: z.array(VersionSummary),
  can: z.object({ name: z.boolean(), restore: z.boolean() }),
});
export type VersionListReply = z.infer<typeof VersionListReply>;

/** One version, read-only: its content as safe HTML and as plain text. */
export const VersionReply = z.object({ version: VersionSummary, html: z.string(), text: z.string() });
export type VersionReply = z.infer<typeof VersionReply>;

export const VersionOneReply = z.object({ version: VersionSummary });

export const DiffQuery = z.object({
  /** "current" (the live text) or another version's id. */
  against: z.union([z.literal("current"), z.uuid()]).default("current"),
});
export type DiffQuery = z.infer<typeof DiffQuery>;

/** A piece of a block's text: kept, inserted or deleted between the two states. */
export const DiffSegment = z.object({ op: z.enum(["equal", "insert", "delete"]), text: z.string() });
export type DiffSegment = z.infer<typeof DiffSegment>;

/**
 * The comparison, block by block (paragraphs, headings, list items, cells…) then word by word
 * inside a changed block. "from" is the version, "to" the state it is compared with.
 */
export const DiffBlock = z.object({
  status: z.enum(["equal", "insert", "delete", "change"]),
  /** The block's type: "paragraph", "heading", "listItem"… (the newer one for a change). */
  type: z.string(),
  /** Heading level, when a heading. */
  level: z.number().int().nullable(),
  segments: z.array(DiffSegment),
});
export type DiffBlock = z.infer<typeof DiffBlock>;

export const DiffReply = z.object({
  from: z.string(),
  against: z.string(),
  blocks: z.array(DiffBlock),
  stats: z.object({ insertedWords: z.number(), deletedWords: z.number(), changedBlocks: z.number() }),
});
export type DiffReply = z.infer<typeof DiffReply>;
