import { z } from "zod";
import { SPACE_ACTIONS } from "../permissions.js";
import { SPACE_LEVELS, SPACE_ROLES } from "../roles.js";

export const STANDINGS = ["admin", ...SPACE_ROLES, "national", "inherited"] as const;

export const SpaceSummary = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  level: z.enum(SPACE_LEVELS),
  parentId: z.string().nullable(),
  /** What the caller is in this space (own role, national team, inherited reader or admin). */
  role: z.enum(STANDINGS),
  archived: z.boolean(),
});
export type SpaceSummary = z.infer<typeof SpaceSummary>;

/** A neighbouring committee (parent or child) and whether the caller may open it. */
export const RelatedSpace = z.object({ id: z.string(), name: z.string(), level: z.enum(SPACE_LEVELS), readable: z.boolean() });
export type RelatedSpace = z.infer<typeof RelatedSpace>;

export const SpaceDetail = SpaceSummary.extend({
  description: z.string(),
  themes: z.array(z.string()),
  parent: RelatedSpace.nullable(),
  /** The committees under this one (a territory's regional COPILs), by name. */
  children: z.array(RelatedSpace),
  /** The actions the caller may take here, for the interface to offer them. */
  can: z.array(z.enum(SPACE_ACTIONS)),
});
export type SpaceDetail = z.infer<typeof SpaceDetail>;

export const Member = z.object({
  userId: z.string(),
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  organisation: z.string(),
  role: z.enum(SPACE_ROLES),
});
export type Member = z.infer<typeof Member>;
