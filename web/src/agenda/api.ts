/** A committee's public events, as its pilotes and the national team prepare them. */
import { EventReply, EventsReply, type EventBody } from "@atelier/shared";
import { request } from "../api/client";

export const listSpaceEvents = async (spaceId: string) =>
  (await request(`/api/spaces/${encodeURIComponent(spaceId)}/events`, EventsReply)).events;

export const createEvent = async (spaceId: string, body: EventBody) =>
  (await request(`/api/spaces/${encodeURIComponent(spaceId)}/events`, EventReply, { method: "POST", body })).event;

export const updateEvent = async (id: string, body: EventBody) =>
  (await request(`/api/events/${encodeURIComponent(id)}`, EventReply, { method: "PATCH", body })).event;

export const cancelEvent = async (id: string) =>
  (await request(`/api/events/${encodeURIComponent(id)}/cancel`, EventReply, { method: "POST" })).event;
