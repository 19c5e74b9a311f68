/** GET /api/me/home: "Mes espaces" as a start page — my committees' latest documents and what waits for my review. */
import { z } from "zod";
import { DOCUMENT_KINDS } from "./documents.js";
import { SpaceSummary } from "./spaces.js";
import { DOCUMENT_STATUSES } from "./workflow.js";

/** How many of each committee's documents the start page lists. */
export const HOME_LATEST_DOCUMENTS = 3;

export const HomeDocument = z.object({
  id: z.string(),
  title: z.string(),
  kind: z.enum(DOCUMENT_KINDS),
  /** The workflow status; null for the kinds that do not follow it. */
  status: z.enum(DOCUMENT_STATUSES).nullable(),
  /** The latest of its content, title or status change. */
  changedAt: z.string(),
});
export type HomeDocument = z.infer<typeof HomeDocument>;

export const HomeReply = z.object({
  committees: z.array(z.object({ space: SpaceSummary, documents: z.array(HomeDocument), total: z.number().int() })),
  /** Documents whose status awaits a decision I may take (validate, transmit, ask for changes), oldest first. */
  toReview: z.array(HomeDocument.extend({ space: z.object({ id: z.string(), name: z.string() }) })),
});
export type HomeReply = z.infer<typeof HomeReply>;
