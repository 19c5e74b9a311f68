/**
 * What an export is made of, gathered once whatever the format: the document's content (live or a
 * named version) built through the editor's schema, the cover's facts, the images it shows (its own
 * attachments only, as bytes), and optionally its open comment threads.
 */
import {
  ATTACHMENT_PATH,
  DOCUMENT_KIND_LABELS,
  DOCUMENT_STATUS_LABELS,
  formatDate,
  type TimeZone,
} from "@atelier/shared";
import { docToNode } from "@atelier/editor";
import type { Node } from "@tiptap/pm/model";
import { imageSize } from "image-size";
import { buffer } from "node:stream/consumers";
import * as Y from "yjs";
import type { Services } from "../context.js";
import type { DocumentRow } from "../documents/queries.js";
import { loadYDoc } from "../documents/content.js";
import { logSkipped } from "../http/content-log.js";
import { notFound } from "../http/errors.js";
import type { Queryable } from "../db/index.js";
import { findVersion, versionState } from "../versions/queries.js";
import { currentStatus } from "../workflow/queries.js";

export interface ExportImage {
  data: Uint8Array;
  mime: string;
  /** Extension the formats name the image by (png, jpg, gif, bmp). */
  ext: "png" | "jpg" | "gif" | "bmp";
  width: number;
  height: number;
}

export interface ExportThread {
  quote: string;
  comments: { author: string; body: string; at: Date }[];
}

export interface ExportSource {
  title: string;
  cover: { committee: string; kind: string; status: string; date: string; version: string };
  doc: Node;
  /** By attachment address (/api/attachments/:id): the images the text shows that may be embedded. */
  images: Map<string, ExportImage>;
  threads: ExportThread[];
}

export interface SourceRequest {
  row: DocumentRow;
  committee: string;
  versionId?: string;
  comments: boolean;
  timeZone: TimeZone;
}

/** Formats every writer can embed; an image of another type (SVG, WebP) is named by its text instead. */
const IMAGE_TYPES: Record<string, ExportImage["ext"]> = { png: "png", jpg: "jpg", gif: "gif", bmp: "bmp" };
/** An image past this is not embedded (the export must stay a file one can send). */
const MAX_IMAGE_BYTES = 20 * 1024 * 1024;

/** A named version of the document, with its snapshot; a 404 when the document has no such version. */
async function versionOf(q: Queryable, documentId: string, versionId: string) {
  const found = await findVersion(q, documentId, versionId);
  if (!found) throw notFound("Cette version du document n'existe pas.");
  return { ...found, state: await versionState(q, found.id) };
}

function imageAddresses(doc: Node): Set<string> {
  const found = new Set<string>();
  doc.descendants((n) => {
    if (n.type.name === "image" && typeof n.attrs.src === "string") found.add(n.attrs.src);
  });
  return found;
}

/** The document's own attachments among those addresses, read from storage (an image of another document is not embedded). */
async function loadImages(s: Services, documentId: string, addresses: Set<string>): Promise<Map<string, ExportImage>> {
  const ids = [...addresses].map((a) => a.slice(ATTACHMENT_PATH.length));
  const images = new Map<string, ExportImage>();
  if (ids.length === 0) return images;
  const rows = await s.db.query<{ id: string; storage_key: string; mime_type: string; size: string | number }>(
    "SELECT id, storage_key, mime_type, size FROM attachments WHERE document_id = $1 AND id = ANY($2::uuid[])",
    [documentId, ids],
  );
  for (const r of rows) {
    if (Number(r.size) > MAX_IMAGE_BYTES) continue;
    const data = new Uint8Array(await buffer(await s.storage.get(r.storage_key)));
    try {
      const { width, height, type } = imageSize(data);
      const ext = type ? IMAGE_TYPES[type] : undefined;
      if (ext && width && height) images.set(ATTACHMENT_PATH + r.id, { data, mime: r.mime_type, ext, width, height });
    } catch {
      // Not an image after all: it stays out of the export, named by its text.
    }
  }
  return images;
}

async function openThreads(q: Queryable, documentId: string): Promise<ExportThread[]> {
  const rows = await q.query<{ thread_id: string; quote: string; author: string | null; body: string; created_at: Date }>(
    `SELECT t.id AS thread_id, t.quote, NULLIF(trim(u.first_name || ' ' || u.last_name), '') AS author, c.body, c.created_at
       FROM comment_threads t JOIN comments c ON c.thread_id = t.id LEFT JOIN users u ON u.id = c.author_id
      WHERE t.document_id = $1 AND t.resolved_at IS NULL ORDER BY t.created_at, t.id, c.seq`,
    [documentId],
  );
  const threads = new Map<string, ExportThread>();
  for (const r of rows) {
    const thread = threads.get(r.thread_id) ?? { quote: r.quote, comments: [] };
    thread.comments.push({ author: r.author ?? "Compte supprimé", body: r.body, at: r.created_at });
    threads.set(r.thread_id, thread);
  }
  return [...threads.values()];
}

export async function loadSource(s: Services, req: SourceRequest): Promise<ExportSource> {
  const { row } = req;
  const version = req.versionId ? await versionOf(s.db, row.id, req.versionId) : null;
  let ydoc: Y.Doc;
  if (version) {
    ydoc = new Y.Doc();
    Y.applyUpdate(ydoc, version.state);
  } else {
    ydoc = await loadYDoc(s.db, row.id);
  }
  let doc: Node;
  try {
    doc = docToNode(ydoc, logSkipped(row.id));
  } finally {
    ydoc.destroy();
  }
  return {
    title: row.title,
    cover: {
      committee: req.committee,
      kind: DOCUMENT_KIND_LABELS[row.kind],
      status: DOCUMENT_STATUS_LABELS[(await currentStatus(s.db, row.id)).status],
      date: formatDate(version?.created_at ?? row.updated_at, req.timeZone),
      version: version ? (version.name ?? `Version du ${formatDate(version.created_at, req.timeZone)}`) : "Version en cours",
    },
    doc,
    images: await loadImages(s, row.id, imageAddresses(doc)),
    // Comments belong to the current text; a version's export leaves them out.
    threads: req.comments && !version ? await openThreads(s.db, row.id) : [],
  };
}
