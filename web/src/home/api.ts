import { HomeReply, NotificationsReply } from "@atelier/shared";
import { request } from "../api/client";

export const getHome = () => request("/api/me/home", HomeReply);

/** Unread notifications, of which the start page shows those calling for an answer (mentions, replies). */
export const getUnread = () => request("/api/notifications?unread=true", NotificationsReply);
