/**
 * The directory of committees ("Annuaire des comités"), open to every signed-in person so that
 * nobody is left without a way in: what each committee is and who pilots it, never its content.
 */
import { z } from "zod";
import { SPACE_LEVELS } from "../roles.js";

/** Where the caller stands: reads it already, has asked and waits, or may ask. */
export const DIRECTORY_ACCESS = ["reader", "pending", "none"] as const;

export const DirectoryEntry = z.object({
  id: z.string(),
  name: z.string(),
  level: z.enum(SPACE_LEVELS),
  parentId: z.string().nullable(),
  /** The territorial COPIL it belongs to (itself for a territorial one); null for the national COPIL. */
  territory: z.string().nullable(),
  /** The organisations of its pilotes (their names stay private). */
  pilotOrganisations: z.array(z.string()),
  archived: z.boolean(),
  access: z.enum(DIRECTORY_ACCESS),
});
export type DirectoryEntry = z.infer<typeof DirectoryEntry>;

/** GET /api/directory: every committee, in the programme's order. */
export const DirectoryReply = z.object({ spaces: z.array(DirectoryEntry) });
export type DirectoryReply = z.infer<typeof DirectoryReply>;

/**
 * GET /api/directory/spaces/:spaceId and GET /api/directory/documents/:documentId: the committee
 * (of the document), what a refused page may say of whose it is. A document's title stays hidden.
 */
export const DirectoryEntryReply = z.object({ space: DirectoryEntry });
export type DirectoryEntryReply = z.infer<typeof DirectoryEntryReply>;
