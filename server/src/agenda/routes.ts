/** The workspace's side of the agenda: a committee's pilotes and the national team prepare its public events. */
import { EventBody } from "@atelier/shared";
import { Hono } from "hono";
import type { AppEnv, Services } from "../context.js";
import { readJson } from "../http/validate.js";
import { authorizeEvent, authorizeSpace, requireActor } from "../policy/index.js";
import { cancelEvent, createEvent, eventById, spaceEvents, toEvent, updateEvent } from "./queries.js";

export function agendaRoutes(s: Services) {
  const app = new Hono<AppEnv>();
  const reply = async (id: string) => ({ event: toEvent((await eventById(s.db, id))!) });

  app.get("/spaces/:spaceId/events", async (c) => {
    const actor = requireActor(c.get("user"));
    const { space } = await authorizeSpace(s.db, actor, "event.manage", c.req.param("spaceId"));
    return c.json({ events: (await spaceEvents(s.db, space.id)).map(toEvent) });
  });

  app.post("/spaces/:spaceId/events", async (c) => {
    const actor = requireActor(c.get("user"));
    const { space } = await authorizeSpace(s.db, actor, "event.manage", c.req.param("spaceId"));
    const body = await readJson(c, EventBody);
    const id = await createEvent(s.db, space.id, actor.id, body);
    return c.json(await reply(id), 201);
  });

  app.patch("/events/:eventId", async (c) => {
    const actor = requireActor(c.get("user"));
    const id = c.req.param("eventId");
    await authorizeEvent(s.db, actor, "event.manage", id);
    await updateEvent(s.db, id, await readJson(c, EventBody));
    return c.json(await reply(id));
  });

  app.post("/events/:eventId/cancel", async (c) => {
    const actor = requireActor(c.get("user"));
    const id = c.req.param("eventId");
    await authorizeEvent(s.db, actor, "event.manage", id);
    await cancelEvent(s.db, id);
    return c.json(await reply(id));
  });

  return app;
}
