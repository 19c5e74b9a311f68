import { DashboardReply, type DashboardQuery } from "@atelier/shared";
import { request } from "../api/client";

export type DashboardFilters = Partial<Pick<DashboardQuery, "theme" | "status" | "territory">>;

/** The query string of the filters, shared by the table and its CSV download. */
export function dashboardQuery(filters: DashboardFilters, format?: "csv"): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v) params.set(k, v);
  if (format) params.set("format", format);
  const q = params.toString();
  return `/api/dashboard${q ? `?${q}` : ""}`;
}

export const getDashboard = (filters: DashboardFilters) => request(dashboardQuery(filters), DashboardReply);
