/**
 * The expectation profiles the matrix rows share (own, child, parent, unrelated; see matrix.ts).
 * Written out by hand, not derived from the rules they check.
 */
import type { ActorName } from "./matrix.js";

type Profile = Record<ActorName, string>;

/** Whoever reads the space: its members, the neighbouring COPIL, the national team, admins. */
export const READERS: Profile = {
  admin: "YYYY",
  national: "YYYY",
  pilote: "YYNN",
  membre: "YYNN",
  contributeur: "YYNN",
  lecteur: "YYNN",
  regional: "Y-YN",
  stranger: "NNNN",
  anonymous: "NNNN",
};

/** Co-writers: membres and pilotes; the national team in the national space only; inherited readers never. */
export const EDITORS: Profile = { ...READERS, national: "NNYN", pilote: "YNNN", membre: "YNNN", contributeur: "NNNN", lecteur: "NNNN", regional: "Y-NN" };

/** Uploaders: the co-writers and the partners (contributeurs). */
export const UPLOADERS: Profile = { ...EDITORS, contributeur: "YNNN" };

/** The space's pilotes, and admins. */
export const PILOTES: Profile = { ...EDITORS, national: "NNNN", membre: "NNNN", regional: "N-NN" };

/** Platform admins only, whatever the space. */
export const ADMIN_ONLY: Profile = { ...PILOTES, pilote: "NNNN" };

/** Nobody, admins included: what a frozen (validated or transmitted) document refuses. */
export const NOBODY: Profile = { ...ADMIN_ONLY, admin: "NNNN" };

/** Anyone signed in, whatever the space (their own notifications, the requests they handle). */
export const SIGNED_IN: Profile = {
  admin: "YYYY",
  national: "YYYY",
  pilote: "YYYY",
  membre: "YYYY",
  contributeur: "YYYY",
  lecteur: "YYYY",
  regional: "Y-YY",
  stranger: "YYYY",
  anonymous: "NNNN",
};

/** The public site: everyone, signed in or not. */
export const EVERYONE: Profile = { ...SIGNED_IN, anonymous: "YYYY" };

/** What is not published is on no public page, whoever asks (its committee prepares it in the workspace). */
export const NOBODY_PUBLIC: Profile = Object.fromEntries(Object.entries(EVERYONE).map(([actor, e]) => [actor, e.replace(/Y/g, "N")])) as Profile;
