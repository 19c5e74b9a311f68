/** What the accounts tests and matrix rows share: fresh people, prepared through the admin API. */
import type { SpaceRole } from "@atelier/shared";
import type { Client } from "../../test/harness.js";
import type { ActorName } from "../../test/matrix/matrix.js";

export const freshEmail = (prefix = "personne") => `${prefix}-${crypto.randomUUID().slice(0, 8)}@exemple.gouv.fr`;

/** A new account (invited, no password yet) with a membership in the space; returns its id. */
export async function freshMember(admin: Client, spaceId: string, role: SpaceRole): Promise<string> {
  const body = await prepared(
    admin.post("/api/admin/users", { email: freshEmail("membre"), firstName: "Test", lastName: "Membre", membership: { spaceId, role } }),
  );
  return body.user.id;
}

/** Who manages a space's members (action space.manageMembers): admins everywhere, a pilote in their own space. */
export const MANAGERS: Record<ActorName, string> = {
  admin: "YYYY",
  national: "NNNN",
  pilote: "YNNN",
  membre: "NNNN",
  contributeur: "NNNN",
  lecteur: "NNNN",
  regional: "N-NN",
  stranger: "NNNN",
  anonymous: "NNNN",
};

/** Fails a matrix row's preparation loudly rather than letting it pass as a refusal. */
export async function prepared<T = any>(reply: Promise<{ status: number; body: T }>): Promise<T> {
  const r = await reply;
  if (r.status >= 300) throw new Error(`preparation failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}
