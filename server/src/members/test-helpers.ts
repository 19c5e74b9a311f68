/** What the accounts tests and matrix rows share: fresh people, prepared through the admin API. */
import type { SpaceRole } from "@atelier/shared";
import type { Client } from "../../test/harness.js";

export const freshEmail = (prefix = "personne") => `${prefix}-${crypto.randomUUID().slice(0, 8)}@exemple.gouv.fr`;

/** A new account (invited, no password yet) with a membership in the space; returns its id. */
export async function freshMember(admin: Client, spaceId: string, role: SpaceRole): Promise<string> {
  const r = await admin.post("/api/admin/users", {
    email: freshEmail("membre"),
    firstName: "Test",
    lastName: "Membre",
    membership: { spaceId, role },
  });
  if (r.status !== 201) throw new Error(`freshMember: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.user.id;
}
