/**
 * The administration API: users, memberships, spaces and the CSV import of members.
 * Only platform admins reach it (actions "admin.users" and "admin.spaces").
 */
import { z } from "zod";
import { THEME_SLUGS } from "../programme/index.js";
import { PLATFORM_ROLES, SPACE_LEVELS, SPACE_ROLES } from "../roles.js";
import { EmailSchema, IdSchema, text } from "./common.js";

const PlatformRoleSchema = z.enum(PLATFORM_ROLES, "Rôle de plateforme inconnu (admin ou national).");
const SpaceRoleSchema = z.enum(SPACE_ROLES, "Rôle inconnu (pilote, membre, contributeur ou lecteur).");
const SpaceLevelSchema = z.enum(SPACE_LEVELS, "Niveau inconnu (national, territorial ou regional).");

export const NAME_MAX = 100;
export const ORGANISATION_MAX = 200;
export const SPACE_NAME_MAX = 200;
export const SPACE_DESCRIPTION_MAX = 5000;

/** Unexpected fields are refused and named in French by the shared wording (./french.ts). */
const strict = z.strictObject;

const FirstName = text(NAME_MAX);
const LastName = text(NAME_MAX);
const Organisation = text(ORGANISATION_MAX, 0);

/* ---------- Users ---------- */

export const AdminMembership = z.object({
  spaceId: z.string(),
  spaceSlug: z.string(),
  spaceName: z.string(),
  level: SpaceLevelSchema,
  archived: z.boolean(),
  role: SpaceRoleSchema,
  /** The space's only active pilote: the server refuses to remove or demote them (409). */
  lastPilote: z.boolean(),
});
export type AdminMembership = z.infer<typeof AdminMembership>;

export const SIGN_IN_LABELS = { password: "Mot de passe", proconnect: "ProConnect", both: "Les deux", none: "Pas encore" } as const;

export const AdminUser = z.object({
  id: z.string(),
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  organisation: z.string(),
  platformRole: PlatformRoleSchema.nullable(),
  active: z.boolean(),
  /** False while the person has not yet set a password from their invitation. */
  hasPassword: z.boolean(),
  /** How the person signs in: a password, ProConnect, both, or not yet. */
  signIn: z.enum(["password", "proconnect", "both", "none"]),
  createdAt: z.string(),
  /** Set once the person's personal data was erased at their request (the account stays as « Ancien membre »). */
  erasedAt: z.string().nullable(),
  /** The platform's only active admin: the server refuses to deactivate or demote them (409). */
  lastAdmin: z.boolean(),
  memberships: z.array(AdminMembership),
});
export type AdminUser = z.infer<typeof AdminUser>;

/** GET /api/admin/users query: every field optional; strings because it is a query string. */
export const AdminUsersQuery = strict({
  /** Searched in first and last name, email and organisation, accents and case ignored. */
  q: z.string().trim().max(200).optional(),
  /** "none" selects people without a platform role. */
  platformRole: z.enum([...PLATFORM_ROLES, "none"], "Rôle de plateforme inconnu (admin, national ou none).").optional(),
  active: z.enum(["true", "false"], "Le filtre « active » vaut true ou false.").optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export type AdminUsersQuery = z.input<typeof AdminUsersQuery>;

export const AdminUsersList = z.object({ users: z.array(AdminUser), total: z.number() });
export type AdminUsersList = z.infer<typeof AdminUsersList>;

export const CreateUserBody = strict({
  email: EmailSchema,
  firstName: FirstName,
  lastName: LastName,
  organisation: Organisation.default(""),
  platformRole: PlatformRoleSchema.nullable().default(null),
  /** The first space the person joins; the invitation leads there. */
  membership: strict({ spaceId: IdSchema, role: SpaceRoleSchema }).optional(),
});
export type CreateUserBody = z.input<typeof CreateUserBody>;

export const UpdateUserBody = strict({
  firstName: FirstName.optional(),
  lastName: LastName.optional(),
  organisation: Organisation.optional(),
  platformRole: PlatformRoleSchema.nullable().optional(),
}).refine((b) => Object.keys(b).length > 0, "Aucun champ à modifier.");
export type UpdateUserBody = z.input<typeof UpdateUserBody>;

/** Answer of every user mutation. */
export const AdminUserReply = z.object({ user: AdminUser });
export type AdminUserReply = z.infer<typeof AdminUserReply>;

/* ---------- Memberships ---------- */

/** PUT /api/admin/users/:id/memberships/:spaceId */
export const SetMembershipBody = strict({ role: SpaceRoleSchema });
export type SetMembershipBody = z.infer<typeof SetMembershipBody>;

/* ---------- Spaces ---------- */

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const Slug = z
  .string()
  .max(100)
  .regex(SLUG_PATTERN, "L'identifiant d'URL ne contient que des minuscules, des chiffres et des tirets.");
const Themes = z
  .array(z.string().refine((t) => THEME_SLUGS.includes(t), { message: "Thème inconnu du programme." }))
  .max(THEME_SLUGS.length);

export const AdminSpace = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  level: SpaceLevelSchema,
  parentId: z.string().nullable(),
  description: z.string(),
  themes: z.array(z.string()),
  archived: z.boolean(),
  memberCount: z.number(),
  proconnectRequired: z.boolean(),
});
export type AdminSpace = z.infer<typeof AdminSpace>;

/** GET /api/admin/spaces: every space, archived ones included, parents before children. */
export const AdminSpacesList = z.object({ spaces: z.array(AdminSpace) });
export type AdminSpacesList = z.infer<typeof AdminSpacesList>;

export const CreateSpaceBody = strict({
  name: text(SPACE_NAME_MAX),
  /** Derived from the name when absent. */
  slug: Slug.optional(),
  level: SpaceLevelSchema,
  /** null for the national space; a national space for a territorial one; a territorial one for a regional one. */
  parentId: IdSchema.nullable(),
  description: text(SPACE_DESCRIPTION_MAX, 0).default(""),
  themes: Themes.default([]),
});
export type CreateSpaceBody = z.input<typeof CreateSpaceBody>;

/** The level never changes (children depend on it); a move changes the parent within the same level. */
export const UpdateSpaceBody = strict({
  name: text(SPACE_NAME_MAX).optional(),
  description: text(SPACE_DESCRIPTION_MAX, 0).optional(),
  themes: Themes.optional(),
  parentId: IdSchema.nullable().optional(),
  /** Its members (administrators excepted) sign in with ProConnect only. */
  proconnectRequired: z.boolean().optional(),
}).refine((b) => Object.keys(b).length > 0, "Aucun champ à modifier.");
export type UpdateSpaceBody = z.input<typeof UpdateSpaceBody>;

export const AdminSpaceReply = z.object({ space: AdminSpace });
export type AdminSpaceReply = z.infer<typeof AdminSpaceReply>;

/* ---------- CSV import of members ---------- */

/**
 * Columns of the import file, as the header names them (any order; case and accents ignored).
 * GET /api/admin/import/members/modele.csv gives a template to fill in.
 */
export const IMPORT_COLUMNS = ["email", "nom", "prénom", "organisme", "espace", "rôle"] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];
/** Within the server's default body limit (BODY_LIMIT_BYTES, 1 MB), which applies first. */
export const IMPORT_MAX_BYTES = 1_000_000;
export const IMPORT_MAX_LINES = 5000;

/**
 * POST /api/admin/import/members?dryRun=true|false (body: text/csv, UTF-8, ";" or "," separated).
 * Answers an ImportReport; a real run with any bad line writes nothing and answers 400 with the
 * report in `error.details`.
 */
export const ImportQuery = strict({
  dryRun: z.enum(["true", "false"], "Le paramètre dryRun vaut true ou false.").default("true"),
});

export const ImportLineError = z.object({
  /** Line number in the file, the header being line 1. */
  line: z.number(),
  column: z.enum(IMPORT_COLUMNS).nullable(),
  message: z.string(),
});
export type ImportLineError = z.infer<typeof ImportLineError>;

export const ImportPlanLine = z.object({
  line: z.number(),
  email: z.string(),
  spaceSlug: z.string(),
  role: SpaceRoleSchema,
  /** "create": a new account, invited by mail; "existing": already has an account. */
  user: z.enum(["create", "existing"]),
  /** What happens to the membership; "update" changes the role from previousRole. */
  membership: z.enum(["add", "update", "unchanged"]),
  previousRole: SpaceRoleSchema.nullable(),
});
export type ImportPlanLine = z.infer<typeof ImportPlanLine>;

export const ImportReport = z.object({
  dryRun: z.boolean(),
  /** True only when a real run wrote everything. */
  applied: z.boolean(),
  /** Data lines read (header and blank lines excluded). */
  lines: z.number(),
  errors: z.array(ImportLineError),
  plan: z.array(ImportPlanLine),
  counts: z.object({
    usersCreated: z.number(),
    membershipsAdded: z.number(),
    membershipsUpdated: z.number(),
    unchanged: z.number(),
  }),
});
export type ImportReport = z.infer<typeof ImportReport>;
