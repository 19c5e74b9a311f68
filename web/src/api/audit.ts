/** The audit log, for admins. */
import { AuditReply, type AuditQuery } from "@atelier/shared";
import { queryString, request } from "./client";

export type AuditFilters = Partial<Pick<AuditQuery, "actor" | "space" | "kind" | "from" | "to">>;

/** The address of the filtered log, as JSON pages or as one CSV file. */
export const auditPath = (filters: AuditFilters, extra: { before?: string; format?: "csv" } = {}) =>
  `/api/audit${queryString({ ...filters, ...extra })}`;

export const listAudit = (filters: AuditFilters, before?: string) => request(auditPath(filters, { before }), AuditReply);
