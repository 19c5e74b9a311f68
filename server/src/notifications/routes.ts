/** The bell (GET /api/notifications, POST /api/notifications/read) and each person's mail preferences. */
import { MarkReadBody, NotificationPreferences, NotificationsQuery, type NotificationsReply } from "@atelier/shared";
import { Hono } from "hono";
import type { AppEnv, Services } from "../context.js";
import { notFound } from "../http/errors.js";
import { readJson, readQuery } from "../http/validate.js";
import { readableSpaceIds, requireActor, type Actor } from "../policy/index.js";
import { preferencesOf, savePreferences } from "./preferences.js";
import { listNotifications, markAllRead, markRead, unreadCount } from "./queries.js";

export function notificationRoutes(s: Services) {
  const app = new Hono<AppEnv>();

  // Asked of the policy at each reading: losing access to a space hides what was said of it.
  const readable = (actor: Actor) => readableSpaceIds(s.db, actor);

  app.get("/notifications", async (c) => {
    const actor = requireActor(c.get("user"));
    const filter = readQuery(c, NotificationsQuery);
    const spaces = await readable(actor);
    const reply: NotificationsReply = {
      notifications: await listNotifications(s.db, actor.id, spaces, filter),
      unread: await unreadCount(s.db, actor.id, spaces),
    };
    return c.json(reply);
  });

  app.post("/notifications/read", async (c) => {
    const actor = requireActor(c.get("user"));
    const body = await readJson(c, MarkReadBody);
    if ("all" in body) await markAllRead(s.db, actor.id);
    else if (!(await markRead(s.db, actor.id, body.id))) throw notFound("Cette notification n'existe pas.");
    return c.json({ unread: await unreadCount(s.db, actor.id, await readable(actor)) });
  });

  app.get("/me/notification-preferences", async (c) => {
    const actor = requireActor(c.get("user"));
    return c.json({ preferences: await preferencesOf(s.db, actor.id) });
  });

  app.put("/me/notification-preferences", async (c) => {
    const actor = requireActor(c.get("user"));
    const body = await readJson(c, NotificationPreferences);
    await s.db.tx((q) => savePreferences(q, actor.id, body));
    return c.json({ preferences: await preferencesOf(s.db, actor.id) });
  });

  return app;
}
