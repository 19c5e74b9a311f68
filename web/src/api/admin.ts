/** The administration API: users, spaces, CSV import of members. */
import {
  AdminSpaceReply,
  AdminSpacesList,
  AdminUserReply,
  AdminUsersList,
  ImportReport,
  type AdminUsersQuery,
  type CreateSpaceBody,
  type CreateUserBody,
  type SpaceRole,
  type UpdateSpaceBody,
  type UpdateUserBody,
} from "@atelier/shared";
import { queryString as query, request } from "./client";

export const listUsers = (q: Pick<AdminUsersQuery, "q" | "platformRole" | "active"> & { limit?: number; offset?: number }) => request(`/api/admin/users${query(q)}`, AdminUsersList);

export const createUser = (body: CreateUserBody) =>
  request("/api/admin/users", AdminUserReply, { method: "POST", body });

const user = (id: string) => `/api/admin/users/${encodeURIComponent(id)}`;

export const updateUser = (id: string, body: UpdateUserBody) => request(user(id), AdminUserReply, { method: "PATCH", body });

export const setMembership = (id: string, spaceId: string, role: SpaceRole) =>
  request(`${user(id)}/memberships/${encodeURIComponent(spaceId)}`, AdminUserReply, { method: "PUT", body: { role } });

export const removeMembership = (id: string, spaceId: string) =>
  request(`${user(id)}/memberships/${encodeURIComponent(spaceId)}`, AdminUserReply, { method: "DELETE" });

export const setUserActive = (id: string, active: boolean) =>
  request(`/api/admin/users/${encodeURIComponent(id)}/${active ? "reactivate" : "deactivate"}`, AdminUserReply, {
    method: "POST",
  });

export const listAdminSpaces = async () => (await request("/api/admin/spaces", AdminSpacesList)).spaces;

export const createSpace = (body: CreateSpaceBody) =>
  request("/api/admin/spaces", AdminSpaceReply, { method: "POST", body });

export const updateSpace = (id: string, body: UpdateSpaceBody) =>
  request(`/api/admin/spaces/${encodeURIComponent(id)}`, AdminSpaceReply, { method: "PATCH", body });

export const setSpaceArchived = (id: string, archived: boolean) =>
  request(`/api/admin/spaces/${encodeURIComponent(id)}/${archived ? "archive" : "unarchive"}`, AdminSpaceReply, {
    method: "POST",
  });

export const importMembers = (csv: string, dryRun: boolean) =>
  request(`/api/admin/import/members?dryRun=${dryRun}`, ImportReport, {
    method: "POST",
    body: csv,
    contentType: "text/csv; charset=utf-8",
  });

/** Erases the person's data at their request (RGPD); irreversible. */
export const eraseUser = (id: string) => request(`${user(id)}/erase`, AdminUserReply, { method: "POST" });
