/**
 * Documents and their real-time collaboration socket: what the server accepts and answers,
 * and what the web app shows when the socket closes.
 */
import { z } from "zod";
import { THEME_SLUGS } from "../programme/index.js";
import { text } from "./common.js";
import { DOCUMENT_STATUSES } from "./workflow.js";

export const DOCUMENT_KINDS = ["livrable", "diagnostic", "synthese", "compte-rendu", "fiche-pratique"] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const DOCUMENT_KIND_LABELS: Record<DocumentKind, string> = {
  livrable: "Livrable",
  diagnostic: "Diagnostic",
  synthese: "Synthèse",
  "compte-rendu": "Compte rendu de COPIL",
  "fiche-pratique": "Fiche pratique inspirante",
};

const Themes = z.array(z.enum(THEME_SLUGS as [string, ...string[]])).max(THEME_SLUGS.length);

export const CreateDocumentBody = z.strictObject({
  title: text(200),
  kind: z.enum(DOCUMENT_KINDS),
  themes: Themes.optional(),
});
export type CreateDocumentBody = z.infer<typeof CreateDocumentBody>;

export const UpdateDocumentBody = z
  .strictObject({ title: text(200).optional(), themes: Themes.optional() })
  .refine((b) => b.title !== undefined || b.themes !== undefined, "Indiquez un titre ou des thématiques.");
export type UpdateDocumentBody = z.infer<typeof UpdateDocumentBody>;

export const ListDocumentsQuery = z.object({
  kind: z.enum(DOCUMENT_KINDS).optional(),
  theme: z.enum(THEME_SLUGS as [string, ...string[]]).optional(),
  /** "true": the trash (documents moved there), for those who may restore them. */
  trash: z.enum(["true", "false"]).optional(),
});
export type ListDocumentsQuery = z.infer<typeof ListDocumentsQuery>;

export const ContentQuery = z.object({ format: z.enum(["text", "html"]).default("text") });

export const DocumentSummary = z.object({
  id: z.string(),
  spaceId: z.string(),
  title: z.string(),
  kind: z.enum(DOCUMENT_KINDS),
  themes: z.array(z.string()),
  createdBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** When it was moved to the trash; null for a live document. */
  trashedAt: z.string().nullable(),
});
export type DocumentSummary = z.infer<typeof DocumentSummary>;

export const DocumentDetail = DocumentSummary.extend({
  space: z.object({ id: z.string(), name: z.string() }),
  /** What the caller may do with this document, from the space's rules. */
  can: z.object({
    /** Title and themes. */
    edit: z.boolean(),
    /** The text: false for everyone while the document is validated or transmitted. */
    editContent: z.boolean(),
    comment: z.boolean(),
    trash: z.boolean(),
    restore: z.boolean(),
  }),
});
export type DocumentDetail = z.infer<typeof DocumentDetail>;

const Person = z.object({ id: z.string(), name: z.string() });

/** A row of a space's list of documents: what the committee needs to find its work. */
export const DocumentListItem = DocumentSummary.extend({
  status: z.enum(DOCUMENT_STATUSES),
  /** The latest change (creation, writing, title or themes, status) and who made it, if known. */
  lastChange: z.object({ at: z.string(), by: Person.nullable() }),
  /** Who moved it to the trash (trash listing); null for a live document. */
  trashedBy: Person.nullable(),
});
export type DocumentListItem = z.infer<typeof DocumentListItem>;

/** Replies: `{document}` for one, `{documents}` for a list. */
export const DocumentReply = z.object({ document: DocumentDetail });
export const DocumentListReply = z.object({ documents: z.array(DocumentListItem) });
/** GET /api/documents/:id/content: the current content, as plain text or as safe HTML. */
export const DocumentContentReply = z.object({ id: z.string(), title: z.string(), format: z.enum(["text", "html"]), content: z.string() });
export type DocumentContentReply = z.infer<typeof DocumentContentReply>;

/**
 * The collaboration socket: `ws(s)://<host>/collab/<documentId>` speaking the y-websocket
 * protocol (the stock WebsocketProvider with serverUrl `<origin>/collab` and room = document id).
 * The Tiptap content is the Y.XmlFragment named "default".
 */
export const COLLAB_PATH = "/collab";
export const COLLAB_FRAGMENT = "default";

/**
 * Why the server closed the socket: `reason` is what the close frame carries (short: a close
 * reason is at most 123 bytes), `message` what the web app shows. `retry: false` means
 * reconnecting cannot help: those codes lie in 4400–4499, which the stock y-websocket 3 client
 * does not retry (it emits "closed"); the web app shows the message and can still show the
 * document read-only from GET /api/documents/:id/content. 4500–4599 are "try again later".
 */
const close = (code: number, retry: boolean, reason: string, message: string) => ({ code, retry, reason, message });
export const COLLAB_CLOSE = {
  unauthenticated: close(4401, false, "Session expirée", "Votre session a expiré : reconnectez-vous."),
  forbidden: close(4403, false, "Accès refusé", "Vous n'avez pas accès à ce document."),
  accessRemoved: close(4410, false, "Accès retiré", "Accès retiré : vous ne pouvez plus ouvrir ce document."),
  notFound: close(4404, false, "Document introuvable", "Ce document n'existe pas ou a été placé dans la corbeille."),
  tooLarge: close(
    4413,
    false,
    "Document trop volumineux",
    "Le document a atteint sa taille maximale : vos dernières modifications n'ont pas pu être enregistrées.",
  ),
  tooManyConnections: close(
    4503,
    true,
    "Trop de connexions",
    "Trop de personnes ont ce document ouvert en ce moment. Nouvel essai dans quelques instants.",
  ),
  tooDeep: close(
    4422,
    false,
    "Structure trop imbriquée",
    "Cette modification imbrique trop d'éléments les uns dans les autres : elle n'a pas été enregistrée. Rechargez la page.",
  ),
  badMessage: close(4400, false, "Message invalide", "Message de synchronisation invalide : rechargez la page."),
  storageFailed: close(4500, true, "Enregistrement impossible", "L'enregistrement a échoué côté serveur. Nouvel essai de connexion…"),
  documentFailed: close(4501, true, "Document rouvert", "Une erreur est survenue côté serveur : le document est rouvert. Reconnexion…"),
  shuttingDown: close(1012, true, "Redémarrage du serveur", "Le serveur redémarre. Reconnexion…"),
} as const;
export type CollabCloseReason = keyof typeof COLLAB_CLOSE;
export type CollabClose = (typeof COLLAB_CLOSE)[CollabCloseReason];

/** The entry of COLLAB_CLOSE for a close code, if the server sent one of its own. */
export const collabCloseByCode = (code: number): CollabClose | undefined =>
  Object.values(COLLAB_CLOSE).find((c) => c.code === code);

/** The y-protocols auth message the server sends once to a read-only connection that tried to write. */
export const COLLAB_READ_ONLY_REASON = "read-only";
