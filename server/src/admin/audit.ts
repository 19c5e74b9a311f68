import type { SpaceRole } from "@atelier/shared";
import type { Context } from "hono";
import { recordAudit, type AuditInput } from "../audit/record.js";
import type { AppEnv, Services } from "../context.js";
import type { Queryable } from "../db/index.js";
import { clientAddress } from "../http/client-address.js";
import { requireActor } from "../policy/index.js";

export type Audit = (q: Queryable, entry: Omit<AuditInput, "actor" | "address">) => Promise<void>;

/** Records admin actions in the audit log with who did them and from where, in the caller's transaction. */
export function adminAudit(c: Context<AppEnv>, s: Services): Audit {
  const { id } = requireActor(c.get("user"));
  const actor = { id, email: c.get("user")!.email };
  const address = clientAddress(c, s.config.TRUST_PROXY);
  return (q, entry) => recordAudit(q, { ...entry, actor, address });
}

/** The entry for a membership an admin sets: granted, or its role changed; nothing when unchanged. */
export async function auditMembership(
  audit: Audit,
  q: Queryable,
  m: { userId: string; spaceId: string; role: SpaceRole; previousRole: SpaceRole | null; via?: "import" },
): Promise<void> {
  if (m.previousRole === m.role) return;
  const via = m.via ? { via: m.via } : {};
  await audit(q, {
    kind: m.previousRole ? "membership.role_changed" : "membership.granted",
    spaceId: m.spaceId,
    target: { type: "user", id: m.userId },
    details: m.previousRole ? { from: m.previousRole, to: m.role, ...via } : { role: m.role, ...via },
  });
}
