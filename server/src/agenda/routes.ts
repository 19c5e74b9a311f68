/** The workspace's side of the agenda: a committee's pilotes and the national team prepare its public events. */
import { EventBody } from "@atelier/shared";
import { Hono } from "hono";
import type { AppEnv, Services } from "../context.js";
import { auditRequest } from "../audit/request.js";
import { csvResponseHeaders, toCsv } from "../http/csv.js";
import { HttpError } from "../http/errors.js";
import { readJson } from "../http/validate.js";
import { authorizeEvent, authorizeSpace, requireActor } from "../policy/index.js";
import { cancelEvent, createEvent, eventById, spaceEvents, toEvent, updateEvent } from "./queries.js";
import { confirmedRegistrations, standingOf } from "./registrations.js";

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
    if (!(await updateEvent(s.db, id, await readJson(c, EventBody)))) {
      throw new HttpError(409, "event_cancelled", "Cet événement est annulé : il ne peut plus être modifié.");
    }
    return c.json(await reply(id));
  });

  app.post("/events/:eventId/cancel", async (c) => {
    const actor = requireActor(c.get("user"));
    const id = c.req.param("eventId");
    await authorizeEvent(s.db, actor, "event.manage", id);
    await cancelEvent(s.db, id);
    return c.json(await reply(id));
  });

  // The registrants, for the organiser to prepare the welcome: personal data, so each export is audited.
  app.get("/events/:eventId/registrations.csv", async (c) => {
    const actor = requireActor(c.get("user"));
    const id = c.req.param("eventId");
    const { space } = await authorizeEvent(s.db, actor, "event.manage", id);
    const e = (await eventById(s.db, id))!;
    const line = await confirmedRegistrations(s.db, id);
    await auditRequest(c, s, s.db, { kind: "event.registrants_exported", spaceId: space.id, target: { type: "event", id }, details: { title: e.title, count: line.length } });
    const rows = line.map((r) => {
      const st = standingOf(line, r.id, e.capacity);
      return [r.name, r.organisation, r.actor_group, r.email, st.place ? "inscrit" : `liste d'attente (${st.waiting})`, r.confirmed_at!.toISOString()];
    });
    const csv = toCsv(["Nom", "Organisme", "Groupe d'acteurs", "Adresse électronique", "Statut", "Confirmée le"], rows);
    return c.body(csv, 200, csvResponseHeaders(`inscrits-${e.slug}.csv`));
  });

  return app;
}
