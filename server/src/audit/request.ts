import type { Context } from "hono";
import type { AppEnv, Services } from "../context.js";
import type { Queryable } from "../db/index.js";
import { clientAddress } from "../http/client-address.js";
import { recordAudit, type AuditInput } from "./record.js";

/** Records what the signed-in caller of this request did, from where. */
export function auditRequest(c: Context<AppEnv>, s: Services, q: Queryable, e: Omit<AuditInput, "actor" | "address">) {
  const user = c.get("user");
  return recordAudit(q, {
    ...e,
    actor: user ? { id: user.id, email: user.email } : null,
    address: clientAddress(c, s.config.TRUST_PROXY),
  });
}
