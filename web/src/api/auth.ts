/** Session and accounts: login, logout, password reset, invitations. */
import {
  AcceptInvitationReply,
  LogoutReply,
  ProConnectRequestDraft,
  ProConnectStatus,
  type ProConnectRequestBody,
  ForgotPasswordReply,
  InvitationPreview,
  Me,
  type AcceptInvitationBody,
  type LoginBody,
  type TimeZone,
  type TimeZoneBody,
} from "@atelier/shared";
import { z } from "zod";
import { ApiError, request, requestVoid } from "./client";

const UserReply = z.object({ user: Me });

/** The logged-in person, or null when there is no session. */
export async function fetchMe(): Promise<Me | null> {
  try {
    return (await request("/api/me", UserReply, { redirectOn401: false })).user;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export const login = async (body: LoginBody) =>
  (await request("/api/auth/login", UserReply, { method: "POST", body, redirectOn401: false })).user;

export const saveTimeZone = async (timeZone: TimeZone) =>
  (await request("/api/me/time-zone", UserReply, { method: "PUT", body: { timeZone } satisfies TimeZoneBody })).user;

/** Ends the session; a ProConnect session gives the provider's address that ends its own too. */
export const logout = async () =>
  (await request("/api/auth/logout", LogoutReply.optional(), { method: "POST", redirectOn401: false }))?.logoutUrl ?? null;

/** Where the ProConnect button leads (a full page load: the provider's pages follow). */
export const PROCONNECT_LOGIN = "/api/auth/proconnect/login";
export const proConnectStatus = () => request("/api/auth/proconnect", ProConnectStatus, { redirectOn401: false });
export const proConnectDraft = () => request("/api/auth/proconnect/request", ProConnectRequestDraft, { redirectOn401: false });
export const sendProConnectRequest = (body: ProConnectRequestBody) =>
  request("/api/auth/proconnect/request", z.object({ message: z.string() }), { method: "POST", body, redirectOn401: false });

export const forgotPassword = (email: string) =>
  request("/api/auth/password/forgot", ForgotPasswordReply, { method: "POST", body: { email } });

export const resetPassword = (token: string, password: string) =>
  requestVoid("/api/auth/password/reset", { method: "POST", body: { token, password }, redirectOn401: false });

const tokenPath = (token: string) => `/api/invitations/${encodeURIComponent(token)}`;

export const previewInvitation = (token: string) => request(tokenPath(token), InvitationPreview, { redirectOn401: false });

export const acceptInvitation = (token: string, body: AcceptInvitationBody) =>
  request(`${tokenPath(token)}/accept`, AcceptInvitationReply, { method: "POST", body, redirectOn401: false });
