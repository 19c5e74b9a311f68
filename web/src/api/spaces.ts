/** Spaces, their members, invitations and access requests. */
import {
  AccessRequestReply,
  AccessRequestsList,
  InviteReply,
  Member,
  PendingInvitationsList,
  SpaceDetail,
  type InviteBody,
  type SpaceRole,
} from "@atelier/shared";
import { z } from "zod";
import { request, requestVoid } from "./client";

const space = (id: string) => `/api/spaces/${encodeURIComponent(id)}`;

export const getSpace = async (id: string) => (await request(space(id), z.object({ space: SpaceDetail }))).space;

export const listMembers = async (id: string) =>
  (await request(`${space(id)}/members`, z.object({ members: z.array(Member) }))).members;

export const changeMemberRole = (spaceId: string, userId: string, role: SpaceRole) =>
  request(`${space(spaceId)}/members/${encodeURIComponent(userId)}`, z.object({ member: Member }), {
    method: "PATCH",
    body: { role },
  });

export const removeMember = (spaceId: string, userId: string) =>
  requestVoid(`${space(spaceId)}/members/${encodeURIComponent(userId)}`, { method: "DELETE" });

export const invite = (spaceId: string, body: InviteBody) =>
  request(`${space(spaceId)}/invitations`, InviteReply, { method: "POST", body });

export const listInvitations = async (spaceId: string) =>
  (await request(`${space(spaceId)}/invitations`, PendingInvitationsList)).invitations;

export const cancelInvitation = (spaceId: string, invitationId: string) =>
  requestVoid(`${space(spaceId)}/invitations/${encodeURIComponent(invitationId)}`, { method: "DELETE" });

export const requestAccess = (spaceId: string, message: string) =>
  request(`${space(spaceId)}/access-requests`, AccessRequestReply, { method: "POST", body: { message } });

export const listAccessRequests = async (spaceId: string) =>
  (await request(`${space(spaceId)}/access-requests`, AccessRequestsList)).requests;

/** Every pending request of the spaces I manage. */
export const listAllAccessRequests = async () => (await request("/api/access-requests", AccessRequestsList)).requests;

export const grantAccess = (requestId: string, role: SpaceRole) =>
  request(`/api/access-requests/${encodeURIComponent(requestId)}/grant`, z.object({ member: Member }), {
    method: "POST",
    body: { role },
  });

export const declineAccess = (requestId: string, reason: string) =>
  requestVoid(`/api/access-requests/${encodeURIComponent(requestId)}/decline`, {
    method: "POST",
    body: reason ? { reason } : {},
  });
