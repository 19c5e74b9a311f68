/**
 * Public events (the agenda): what a committee's pilotes and the national team send to create or
 * change one, and what the workspace reads back. Times are typed as a person reads a clock in the
 * event's time zone ("2026-01-31T09:00"); the server stores instants.
 */
import { z } from "zod";
import { TimeZoneSchema } from "../time.js";
import { programme } from "../programme/index.js";
import { EmailSchema, text } from "./common.js";
import { Themes } from "./files.js";

export const EVENT_KINDS = ["assises-interregionales", "evenement-regional", "copil-public", "evenement-national"] as const;
export type EventKind = (typeof EVENT_KINDS)[number];
export const EVENT_KIND_LABELS: Record<EventKind, string> = {
  "assises-interregionales": "Assises interrégionales",
  "evenement-regional": "Événement régional",
  "copil-public": "COPIL ouvert au public",
  "evenement-national": "Événement national",
};

export const EVENT_TITLE_MAX = 200;
export const EVENT_SUMMARY_MAX = 500;
export const EVENT_PROGRAMME_MAX = 10_000;

const LocalDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "Indiquez une date et une heure (jj/mm/aaaa hh:mm).");

export const EventBody = z
  .strictObject({
    kind: z.enum(EVENT_KINDS, "Type d'événement inconnu."),
    title: text(EVENT_TITLE_MAX),
    summary: z.string().trim().max(EVENT_SUMMARY_MAX).default(""),
    programme: z.string().trim().max(EVENT_PROGRAMME_MAX).default(""),
    startsAt: LocalDateTime,
    endsAt: LocalDateTime,
    timeZone: TimeZoneSchema.default("Europe/Paris"),
    place: text(200),
    address: text(300),
    themes: Themes.default([]),
    published: z.boolean().default(false),
    /** Visitors may register; beyond `capacity` (none: no limit) they wait in line. */
    registrationOpen: z.boolean().default(false),
    capacity: z.number().int().min(1, "Nombre de places : au moins 1.").max(100_000).nullable().default(null),
  })
  .refine((e) => e.endsAt > e.startsAt, { message: "La fin doit venir après le début.", path: ["endsAt"] });
export type EventBody = z.input<typeof EventBody>;

export const AgendaEvent = z.object({
  id: z.string(),
  slug: z.string(),
  spaceId: z.string(),
  kind: z.enum(EVENT_KINDS),
  title: z.string(),
  summary: z.string(),
  programme: z.string(),
  /** Instants (ISO 8601) and the same moments as the event's clock shows them. */
  startsAt: z.string(),
  endsAt: z.string(),
  startsLocal: z.string(),
  endsLocal: z.string(),
  timeZone: z.string(),
  place: z.string(),
  address: z.string(),
  themes: z.array(z.string()),
  published: z.boolean(),
  cancelled: z.boolean(),
  registrationOpen: z.boolean(),
  capacity: z.number().nullable(),
  /** Confirmed registrations (with a place or waiting). */
  registrants: z.number(),
  /** The public page's path. */
  url: z.string(),
});
export type AgendaEvent = z.infer<typeof AgendaEvent>;

/** GET /api/spaces/:id/events → { events } ; POST → 201 { event } ; PATCH /api/events/:id, POST /api/events/:id/cancel → { event }. */
export const EventsReply = z.object({ events: z.array(AgendaEvent) });
export const EventReply = z.object({ event: AgendaEvent });

/** An organiser's message to an event's confirmed registrants (plain text). */
export const REGISTRANTS_MAIL_SUBJECT_MAX = 200;
export const REGISTRANTS_MAIL_TEXT_MAX = 10_000;
export const RegistrantsMailBody = z.strictObject({
  subject: text(REGISTRANTS_MAIL_SUBJECT_MAX),
  message: text(REGISTRANTS_MAIL_TEXT_MAX),
});
export type RegistrantsMailBody = z.input<typeof RegistrantsMailBody>;
/** POST /api/events/:id/registrants/mail → { sent }: how many registrants it went to. */
export const RegistrantsMailReply = z.object({ sent: z.number() });

/**
 * The files of its space's library an event publishes with it: its documents (programme, slides)
 * and, once it is over, its compte rendu.
 */
export const EVENT_DOCUMENT_ROLES = ["document", "compte-rendu"] as const;
export type EventDocumentRole = (typeof EVENT_DOCUMENT_ROLES)[number];
export const EVENT_DOCUMENT_ROLE_LABELS: Record<EventDocumentRole, string> = {
  document: "Document de l'événement (programme, présentation…)",
  "compte-rendu": "Compte rendu",
};
export const AttachEventDocumentBody = z.strictObject({
  fileId: z.uuid("Choisissez un fichier de la bibliothèque."),
  role: z.enum(EVENT_DOCUMENT_ROLES, "Choisissez le rôle du document.").default("document"),
});
export type AttachEventDocumentBody = z.input<typeof AttachEventDocumentBody>;
export const EventDocument = z.object({
  fileId: z.string(),
  title: z.string(),
  role: z.enum(EVENT_DOCUMENT_ROLES),
  name: z.string(),
  size: z.number(),
  /** The public download's path (it answers only while the event is published). */
  url: z.string(),
});
export type EventDocument = z.infer<typeof EventDocument>;
/** GET|POST /api/events/:id/documents, DELETE /api/events/:id/documents/:fileId → { documents }. */
export const EventDocumentsReply = z.object({ documents: z.array(EventDocument) });

/**
 * An event's compte rendu written as a collaborative document of its space, once the event is over:
 * the site shows a snapshot of its text taken when the organiser publishes it (again to update it).
 */
export const EventReportBody = z.strictObject({ documentId: z.uuid("Choisissez un document de l'espace.") });
export type EventReportBody = z.input<typeof EventReportBody>;
export const EventReport = z.object({ documentId: z.string(), title: z.string(), publishedAt: z.string() });
export type EventReport = z.infer<typeof EventReport>;
/** GET|PUT|DELETE /api/events/:id/report → { report } (null: none on the site). */
export const EventReportReply = z.object({ report: EventReport.nullable() });
export type EventReportReply = z.infer<typeof EventReportReply>;

/** The visitor's registration form (sent as a classic form: it works without JavaScript). */
export const REGISTRATION_NAME_MAX = 120;
export const RegistrationForm = z.object({
  nom: text(REGISTRATION_NAME_MAX),
  organisation: z.string().trim().max(200).default(""),
  groupe: z.enum(programme.actors as [string, ...string[]], "Choisissez votre groupe d'acteurs."),
  email: EmailSchema,
});
export type RegistrationForm = z.infer<typeof RegistrationForm>;
