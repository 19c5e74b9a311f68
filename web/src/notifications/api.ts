import { NotificationPreferencesReply, NotificationsReply, type MarkReadBody, type NotificationPreferences } from "@atelier/shared";
import { z } from "zod";
import { request } from "../api/client";

export const getNotifications = () => request("/api/notifications", NotificationsReply);

export const markRead = (body: MarkReadBody) =>
  request("/api/notifications/read", z.object({ unread: z.number() }), { method: "POST", body });

export const getPreferences = async () => (await request("/api/me/notification-preferences", NotificationPreferencesReply)).preferences;

export const savePreferences = async (preferences: NotificationPreferences) =>
  (await request("/api/me/notification-preferences", NotificationPreferencesReply, { method: "PUT", body: preferences })).preferences;

/** The bell listens for this event to refresh its count at once when notifications are read. */
export const UNREAD_CHANGED = "atelier:notifications-lues";
export const announceUnreadChanged = () => window.dispatchEvent(new Event(UNREAD_CHANGED));
