/**
 * The access rules, declared once. The server's policy module feeds them the facts
 * (who the person is, what they are in the space and its neighbours) and every route,
 * the collaboration socket and every download ask them; the web app asks them too,
 * only to hide what would be refused.
 */
import type { PlatformRole, SpaceLevel, SpaceRole } from "./roles.js";

/** What someone is in one space once platform roles and inheritance are applied. */
export type Standing = "admin" | SpaceRole | "national" | "inherited";

export const STANDING_LABELS: Record<Standing, string> = {
  admin: "Administrateur",
  pilote: "Pilote",
  membre: "Membre",
  contributeur: "Contributeur (partenaire)",
  lecteur: "Lecteur",
  national: "Équipe nationale (relecture)",
  inherited: "Lecteur (COPIL voisin)",
};

/** Actions on a space and what it holds. */
export const SPACE_ACTIONS = [
  "space.read",
  "space.comment",
  "space.manageMembers",
  "document.create",
  "document.edit",
  "document.editContent",
  "document.trash",
  "document.restore",
  "document.submitForReview",
  "document.validate",
  "document.transmit",
  "document.requestChanges",
  "document.reopen",
  "version.name",
  "version.restore",
  "file.upload",
  "file.manageAny",
  "file.restore",
  "file.manageKinds",
  "event.manage",
  "practice.publish",
  "practice.moderate",
  "questionnaire.manage",
] as const;
export type SpaceAction = (typeof SPACE_ACTIONS)[number];

/** Actions that do not belong to one space. */
export const PLATFORM_ACTIONS = ["admin.users", "admin.users.erase", "admin.spaces", "dashboard.read", "audit.read", "directory.read", "search.read"] as const;
export type PlatformAction = (typeof PLATFORM_ACTIONS)[number];

const READERS: Standing[] = ["admin", "pilote", "membre", "contributeur", "lecteur", "national", "inherited"];
const EDITORS: Standing[] = ["admin", "pilote", "membre"];
const MANAGERS: Standing[] = ["admin", "pilote"];

/** The rules: who may do what in a space. Anything not listed is refused. */
export const SPACE_RULES: Record<SpaceAction, readonly Standing[]> = {
  "space.read": READERS,
  "space.comment": READERS,
  "space.manageMembers": MANAGERS,
  "document.create": EDITORS,
  /** Title and themes; the text itself is `document.editContent`. */
  "document.edit": EDITORS,
  "document.editContent": EDITORS,
  "document.trash": EDITORS,
  "document.restore": MANAGERS,
  "document.submitForReview": EDITORS,
  "document.validate": MANAGERS,
  "document.transmit": MANAGERS,
  "document.requestChanges": ["admin", "national"],
  "document.reopen": MANAGERS,
  "version.name": EDITORS,
  "version.restore": EDITORS,
  "file.upload": ["admin", "pilote", "membre", "contributeur"],
  "file.manageAny": EDITORS,
  "file.restore": MANAGERS,
  "file.manageKinds": MANAGERS,
  // A committee's public events: its pilotes, and the national team for every committee it reviews.
  "event.manage": ["admin", "pilote", "national"],
  // A fiche pratique goes public by its committee's pilotes (when its consent field says oui), and
  // they sort the practices the public proposes to their territory.
  "practice.publish": MANAGERS,
  "practice.moderate": MANAGERS,
  // A committee's questionnaires and the answers to them (personal data): its co-writers only.
  "questionnaire.manage": EDITORS,
};

/** "signed-in": every account, whatever its platform role (most have none). */
export const PLATFORM_RULES: Record<PlatformAction, readonly PlatformRole[] | "signed-in"> = {
  "admin.users": ["admin"],
  // Erasing a person's data at their request (RGPD): irreversible, the administrators' alone.
  "admin.users.erase": ["admin"],
  "admin.spaces": ["admin"],
  "dashboard.read": ["admin", "national"],
  "audit.read": ["admin"],
  // The directory of committees: names, levels, territories and who pilots them, nothing of their content.
  "directory.read": "signed-in",
  // Searching is for every account; what it finds is limited to the spaces each one reads.
  "search.read": "signed-in",
};

/** Actions still allowed in an archived space: reading only. */
const ARCHIVE_SAFE: ReadonlySet<SpaceAction> = new Set(["space.read"]);

const RANK: Record<Standing, number> = {
  admin: 7,
  pilote: 6,
  membre: 5,
  national: 4,
  contributeur: 3,
  lecteur: 2,
  inherited: 1,
};

/** The facts the rules need about one space. */
export interface SpaceFacts {
  level: SpaceLevel;
  archived: boolean;
  /** The person's own role in this space, if a member. */
  ownRole: SpaceRole | null;
  /**
   * Whether the person is a member of a neighbouring COPIL that reads this one:
   * a territorial space for its regional spaces, a regional space for its territorial one.
   */
  neighbourMember: boolean;
}

export function standingIn(platformRole: PlatformRole | null, facts: SpaceFacts): Standing | null {
  const grants: Standing[] = [];
  if (platformRole === "admin") grants.push("admin");
  // The national team edits in the national space and reviews everywhere else.
  if (platformRole === "national") grants.push(facts.level === "national" ? "membre" : "national");
  if (facts.ownRole) grants.push(facts.ownRole);
  if (facts.neighbourMember) grants.push("inherited");
  if (grants.length === 0) return null;
  return grants.reduce((best, g) => (RANK[g] > RANK[best] ? g : best));
}

export function canInSpace(standing: Standing | null, action: SpaceAction, archived = false): boolean {
  if (!standing) return false;
  if (archived && standing !== "admin" && !ARCHIVE_SAFE.has(action)) return false;
  return SPACE_RULES[action].includes(standing);
}

/**
 * Actions that change a document's text. A frozen document (validated, or transmitted as it was
 * validated) refuses them to everyone, admins included, until it is reopened.
 */
export const CONTENT_ACTIONS: ReadonlySet<SpaceAction> = new Set(["document.editContent", "version.restore"]);

/** The facts the rules need about one document on top of its space's: whether its status freezes its text. */
export interface DocumentFacts {
  archived: boolean;
  frozen: boolean;
}

export function canOnDocument(standing: Standing | null, action: SpaceAction, facts: DocumentFacts): boolean {
  if (facts.frozen && CONTENT_ACTIONS.has(action)) return false;
  return canInSpace(standing, action, facts.archived);
}

/** `platformRole` of a signed-in account: null for one without a platform role. */
export function canOnPlatform(platformRole: PlatformRole | null, action: PlatformAction): boolean {
  const rule = PLATFORM_RULES[action];
  return rule === "signed-in" || (platformRole !== null && rule.includes(platformRole));
}

/** Every action a standing allows, for the web app to show or hide controls. */
export function allowedActions(standing: Standing | null, archived = false): SpaceAction[] {
  return SPACE_ACTIONS.filter((a) => canInSpace(standing, a, archived));
}

/**
 * The public site: what a visitor may do, signed in or not (an anonymous visitor has no account).
 * Nothing unpublished is anybody's there; the workspace's rules above decide who prepares it.
 */
export const PUBLIC_ACTIONS = ["site.read", "event.read", "event.document.read", "practice.read", "practice.propose", "questionnaire.answer", "published.image.read"] as const;
export type PublicAction = (typeof PUBLIC_ACTIONS)[number];

/** The facts about what a visitor asks for: whether its committee made it public. */
export interface PublicFacts {
  published: boolean;
  /** For a file: whether it is attached to what was published (an event's documents, the images of a published text). */
  attached?: boolean;
}

const PUBLIC_RULES: Record<PublicAction, (facts: PublicFacts) => boolean> = {
  "site.read": () => true,
  "event.read": (f) => f.published,
  // A library file is public only while it is attached to a published event.
  "event.document.read": (f) => f.published && f.attached === true,
  "practice.read": (f) => f.published,
  "practice.propose": () => true,
  // An open questionnaire's page and form; its answers are never a visitor's to read.
  "questionnaire.answer": (f) => f.published,
  // An image of a published text (a practice's fiche): only while the snapshot on the site shows it.
  "published.image.read": (f) => f.published && f.attached === true,
};

export function canAsVisitor(action: PublicAction, facts: PublicFacts = { published: true }): boolean {
  return PUBLIC_RULES[action](facts);
}
