/** The workspace's side of the agenda: a committee's pilotes and the national team prepare its public events. */
import { AttachEventDocumentBody, EventBody, EventReportBody, RegistrantsMailBody } from "@atelier/shared";
import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv, Services } from "../context.js";
import { auditRequest } from "../audit/request.js";
import { csvResponseHeaders, toCsv } from "../http/csv.js";
import { HttpError } from "../http/errors.js";
import { readJson } from "../http/validate.js";
import { authorizeDocument, authorizeEvent, authorizeSpace, readableFile, requireActor } from "../policy/index.js";
import { attachDocument, detachDocument, eventDocuments } from "./documents.js";
import { registrantLink } from "./links.js";
import { organiserMail } from "./mails.js";
import { eventReport, publishReport, removeReport, toReport } from "./report.js";
import { cancelEvent, createEvent, eventById, spaceEvents, toEvent, updateEvent } from "./queries.js";
import { confirmedRegistrations, renewToken, standingOf } from "./registrations.js";

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

  // The organiser writes to those confirmed (with a place or waiting): a mail each, the send audited.
  app.post("/events/:eventId/registrants/mail", async (c) => {
    const actor = requireActor(c.get("user"));
    const id = c.req.param("eventId");
    const { space } = await authorizeEvent(s.db, actor, "event.manage", id);
    const { subject, message } = await readJson(c, RegistrantsMailBody);
    const e = (await eventById(s.db, id))!;
    const line = await confirmedRegistrations(s.db, id);
    if (line.length === 0) throw new HttpError(409, "no_registrants", "Personne n'est encore inscrit à cet événement : aucun courriel n'a été envoyé.");
    for (const r of line) {
      // The mail carries the cancel link: a new token for it (the old links stop working, as for a freed place).
      await s.mailer.send({ to: r.email, ...organiserMail(e, subject, message, registrantLink(s, "/inscriptions/annuler", await renewToken(s.db, r.id))) });
    }
    await auditRequest(c, s, s.db, { kind: "event.registrants_mailed", spaceId: space.id, target: { type: "event", id }, details: { title: e.title, subject, count: line.length } });
    return c.json({ sent: line.length });
  });

  app.get("/events/:eventId/documents", async (c) => {
    const actor = requireActor(c.get("user"));
    const id = c.req.param("eventId");
    await authorizeEvent(s.db, actor, "event.manage", id);
    return c.json({ documents: await eventDocuments(s.db, (await eventById(s.db, id))!) });
  });

  // A file of the event's own space's library, which the organiser may read, becomes public with the event.
  app.post("/events/:eventId/documents", async (c) => {
    const actor = requireActor(c.get("user"));
    const id = c.req.param("eventId");
    const { space } = await authorizeEvent(s.db, actor, "event.manage", id);
    const body = await readJson(c, AttachEventDocumentBody);
    const { file } = await readableFile(s.db, actor, body.fileId);
    if (file.space_id !== space.id) throw new HttpError(422, "file_elsewhere", "Ce fichier n'est pas dans la bibliothèque du comité qui organise l'événement.");
    const e = (await eventById(s.db, id))!;
    if (body.role === "compte-rendu" && e.ends_at > new Date()) {
      throw new HttpError(409, "event_not_over", "Le compte rendu se joint une fois l'événement terminé.");
    }
    await s.db.tx(async (q) => {
      await attachDocument(q, id, file.id, body.role, actor.id);
      await auditRequest(c, s, q, { kind: "event.document_attached", spaceId: space.id, target: { type: "event", id }, details: { title: e.title, file: file.title, role: body.role } });
    });
    return c.json({ documents: await eventDocuments(s.db, e) }, 201);
  });

  app.get("/events/:eventId/report", async (c) => {
    const id = c.req.param("eventId");
    await authorizeEvent(s.db, requireActor(c.get("user")), "event.manage", id);
    return c.json({ report: toReport(await eventReport(s.db, id)) });
  });

  // A document of the event's own space, which the organiser may read, becomes its compte rendu on the
  // site: its text as it is now; again, to update it.
  app.put("/events/:eventId/report", async (c) => {
    const actor = requireActor(c.get("user"));
    const id = c.req.param("eventId");
    const { space } = await authorizeEvent(s.db, actor, "event.manage", id);
    const body = await readJson(c, EventReportBody);
    const { row } = await authorizeDocument(s.db, actor, body.documentId, "space.read");
    if (row.space_id !== space.id) throw new HttpError(422, "document_elsewhere", "Ce document n'est pas dans l'espace du comité qui organise l'événement.");
    const e = (await eventById(s.db, id))!;
    if (e.ends_at > new Date()) throw new HttpError(409, "event_not_over", "Le compte rendu se publie une fois l'événement terminé.");
    await s.db.tx(async (q) => {
      await publishReport(q, e, row.id, actor.id);
      await auditRequest(c, s, q, { kind: "event.report_published", spaceId: space.id, target: { type: "event", id }, details: { title: e.title, document: row.title } });
    });
    return c.json({ report: toReport(await eventReport(s.db, id)) });
  });

  app.delete("/events/:eventId/report", async (c) => {
    const actor = requireActor(c.get("user"));
    const id = c.req.param("eventId");
    const { space } = await authorizeEvent(s.db, actor, "event.manage", id);
    const e = (await eventById(s.db, id))!;
    await s.db.tx(async (q) => {
      if (await removeReport(q, id)) await auditRequest(c, s, q, { kind: "event.report_removed", spaceId: space.id, target: { type: "event", id }, details: { title: e.title } });
    });
    return c.json({ report: null });
  });

  app.delete("/events/:eventId/documents/:fileId", async (c) => {
    const actor = requireActor(c.get("user"));
    const id = c.req.param("eventId");
    const { space } = await authorizeEvent(s.db, actor, "event.manage", id);
    const e = (await eventById(s.db, id))!;
    await s.db.tx(async (q) => {
      const fileId = c.req.param("fileId");
      if (!z.uuid().safeParse(fileId).success || !(await detachDocument(q, id, fileId))) throw new HttpError(404, "not_found", "Ce document n'est pas joint à l'événement.");
      await auditRequest(c, s, q, { kind: "event.document_detached", spaceId: space.id, target: { type: "event", id }, details: { title: e.title, fileId } });
    });
    return c.json({ documents: await eventDocuments(s.db, e) });
  });

  return app;
}
