/** A committee's public events, as its pilotes and the national team prepare them. */
import {
  EventDocumentsReply,
  EventReply,
  EventReportReply,
  EventsReply,
  RegistrantsMailReply,
  type AttachEventDocumentBody,
  type EventBody,
  type EventReportBody,
  type RegistrantsMailBody,
} from "@atelier/shared";
import { request } from "../api/client";

export const listSpaceEvents = async (spaceId: string) =>
  (await request(`/api/spaces/${encodeURIComponent(spaceId)}/events`, EventsReply)).events;

export const createEvent = async (spaceId: string, body: EventBody) =>
  (await request(`/api/spaces/${encodeURIComponent(spaceId)}/events`, EventReply, { method: "POST", body })).event;

export const updateEvent = async (id: string, body: EventBody) =>
  (await request(`/api/events/${encodeURIComponent(id)}`, EventReply, { method: "PATCH", body })).event;

export const cancelEvent = async (id: string) =>
  (await request(`/api/events/${encodeURIComponent(id)}/cancel`, EventReply, { method: "POST" })).event;

export const mailRegistrants = async (id: string, body: RegistrantsMailBody) =>
  (await request(`/api/events/${encodeURIComponent(id)}/registrants/mail`, RegistrantsMailReply, { method: "POST", body })).sent;

export const listEventDocuments = async (id: string) =>
  (await request(`/api/events/${encodeURIComponent(id)}/documents`, EventDocumentsReply)).documents;

export const attachEventDocument = async (id: string, body: AttachEventDocumentBody) =>
  (await request(`/api/events/${encodeURIComponent(id)}/documents`, EventDocumentsReply, { method: "POST", body })).documents;

export const detachEventDocument = async (id: string, fileId: string) =>
  (await request(`/api/events/${encodeURIComponent(id)}/documents/${encodeURIComponent(fileId)}`, EventDocumentsReply, { method: "DELETE" })).documents;

const report = (id: string) => `/api/events/${encodeURIComponent(id)}/report`;

export const getEventReport = async (id: string) => (await request(report(id), EventReportReply)).report;

/** Publishes the document's text as it is now as the event's compte rendu (again: updates it). */
export const publishEventReport = async (id: string, body: EventReportBody) => (await request(report(id), EventReportReply, { method: "PUT", body })).report;

export const removeEventReport = async (id: string) => (await request(report(id), EventReportReply, { method: "DELETE" })).report;
