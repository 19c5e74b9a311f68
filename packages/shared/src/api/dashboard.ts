/**
 * The national dashboard: every territory and its regions × the kinds of documents that go up
 * to the national team, each document with its status, last change and open comments.
 */
import { z } from "zod";
import { THEME_SLUGS } from "../programme/index.js";
import { DOCUMENT_KINDS } from "./documents.js";
import { DOCUMENT_STATUSES } from "./workflow.js";

export const DashboardQuery = z.strictObject({
  theme: z.enum(THEME_SLUGS as [string, ...string[]]).optional(),
  status: z.enum(DOCUMENT_STATUSES).optional(),
  /** A territorial space's slug ("grand-sud"): that territory and its regions. */
  territory: z.string().regex(/^[a-z0-9-]{1,100}$/).optional(),
  format: z.enum(["json", "csv"]).default("json"),
});
export type DashboardQuery = z.infer<typeof DashboardQuery>;

export const DashboardDocument = z.object({
  id: z.string(),
  title: z.string(),
  kind: z.enum(DOCUMENT_KINDS),
  themes: z.array(z.string()),
  status: z.enum(DOCUMENT_STATUSES),
  /** The last status change, or the creation for a draft that never moved. */
  statusChangedAt: z.string(),
  /** The last change of any kind: status, title or content. */
  lastChangeAt: z.string(),
  openComments: z.number().int(),
  /** A path of the web app. */
  link: z.string(),
});
export type DashboardDocument = z.infer<typeof DashboardDocument>;

export const DashboardSpace = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  level: z.enum(["territorial", "regional"]),
  documents: z.array(DashboardDocument),
});
export type DashboardSpace = z.infer<typeof DashboardSpace>;

export const DashboardTerritory = DashboardSpace.extend({
  /** Whether the territory or one of its regions has a livrable at all, whatever the filters. */
  hasLivrable: z.boolean(),
  regions: z.array(DashboardSpace),
});
export type DashboardTerritory = z.infer<typeof DashboardTerritory>;

/** GET /api/dashboard */
export const DashboardReply = z.object({
  kinds: z.array(z.enum(DOCUMENT_KINDS)),
  territories: z.array(DashboardTerritory),
});
export type DashboardReply = z.infer<typeof DashboardReply>;
