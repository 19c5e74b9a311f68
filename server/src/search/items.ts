/**
 * Reads a document, a file or a comment thread as search needs it: its text, its facets and who
 * may find it. null: the item is gone, and its entry goes too.
 */
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { docToNode, headingAnchors } from "@atelier/editor";
import { DOCUMENT_KIND_LABELS, FILE_KIND_LABELS, themeName, type DocumentKind } from "@atelier/shared";
import { loadYDoc } from "../documents/content.js";
import type { Services } from "../context.js";
import type { Queryable } from "../db/index.js";
import { extractText } from "./extract/index.js";
import { previousContents, type Entry, type Section } from "./entries.js";

const labelsOf = (kindLabel: string | undefined, themes: string[]) => [kindLabel ?? "", ...themes.map(themeName)].join(" ");

interface DocumentFacts {
  id: string;
  space_id: string;
  title: string;
  kind: DocumentKind;
  themes: string[];
  status: string;
  updated_at: Date;
  trashed_at: Date | null;
  trashed_by: string | null;
}

async function documentFacts(q: Queryable, id: string): Promise<DocumentFacts | null> {
  const [row] = await q.query<DocumentFacts>(
    `SELECT d.id, d.space_id, d.title, d.kind, d.themes, COALESCE(w.status, 'brouillon') AS status,
            GREATEST(d.updated_at, d.details_changed_at, w.changed_at) AS updated_at, d.trashed_at, d.trashed_by
       FROM documents d LEFT JOIN document_workflow w ON w.document_id = d.id WHERE d.id = $1`,
    [id],
  );
  return row ?? null;
}

/** A document's text cut at its headings, each section opening at the heading's anchor as the editor's summary links it. */
async function documentSections(q: Queryable, id: string): Promise<Section[]> {
  const ydoc = await loadYDoc(q, id);
  try {
    const sections: Section[] = [{ anchor: null, heading: null, body: "" }];
    const doc = docToNode(ydoc);
    // The anchors the editor gives its headings (named from their text, so a link survives typing above it).
    const anchorAt = new Map(headingAnchors(doc).map((h) => [h.pos, h.anchor]));
    doc.forEach((node, offset) => {
      const text = node.textBetween(0, node.content.size, "\n", "\n").trim();
      const anchor = node.type.name === "heading" ? anchorAt.get(offset) : undefined;
      if (anchor && text) sections.push({ anchor, heading: text, body: "" });
      else if (text) sections.at(-1)!.body += (sections.at(-1)!.body ? "\n\n" : "") + text;
    });
    return sections;
  } finally {
    ydoc.destroy();
  }
}

export async function documentEntry(s: Services, id: string): Promise<Entry | null> {
  const d = await documentFacts(s.db, id);
  if (!d) return null;
  const sections = await documentSections(s.db, id);
  return {
    type: "document",
    id,
    spaceId: d.space_id,
    documentId: id,
    kind: d.kind,
    status: d.status,
    themes: d.themes,
    title: d.title,
    secondary: sections.flatMap((x) => (x.heading ? [x.heading] : [])).join("\n"),
    body: sections.map((x) => x.body).join("\n\n"),
    labels: labelsOf(DOCUMENT_KIND_LABELS[d.kind], d.themes),
    contentNote: null,
    contentKey: null,
    updatedAt: d.updated_at,
    inTrash: d.trashed_at !== null,
    trashedBy: d.trashed_by,
    ownerId: null,
    sections,
  };
}

export async function commentEntry(s: Services, id: string): Promise<Entry | null> {
  const [t] = await s.db.query<{ document_id: string; quote: string }>("SELECT document_id, quote FROM comment_threads WHERE id = $1", [id]);
  const d = t && (await documentFacts(s.db, t.document_id));
  if (!t || !d) return null;
  const comments = await s.db.query<{ body: string; created_at: Date }>(
    "SELECT body, created_at FROM comments WHERE thread_id = $1 ORDER BY seq",
    [id],
  );
  const body = comments.map((c) => c.body).join("\n\n");
  return {
    type: "comment",
    id,
    spaceId: d.space_id,
    documentId: d.id,
    kind: d.kind,
    status: d.status,
    themes: d.themes,
    title: d.title,
    // The commented passage ranks with the comments, not with the document's title.
    secondary: "",
    body: `${t.quote}\n\n${body}`,
    labels: "",
    contentNote: null,
    contentKey: null,
    updatedAt: comments.at(-1)?.created_at ?? d.updated_at,
    inTrash: d.trashed_at !== null,
    trashedBy: d.trashed_by,
    ownerId: null,
    sections: [{ anchor: null, heading: null, body }],
  };
}

interface FileFacts {
  space_id: string;
  title: string;
  description: string;
  kind: string;
  themes: string[];
  uploaded_by: string | null;
  updated_at: Date;
  deleted_at: Date | null;
  deleted_by: string | null;
  original_name: string;
  mime_type: string;
  storage_key: string;
  kind_label: string | null;
}

/** The file's text read from a temporary copy of its bytes, by the extraction module (which enforces its limits). */
async function fileContents(s: Services, f: FileFacts): Promise<{ body: string; contentNote: string | null; sections: Section[] }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "atelier-index-"));
  try {
    const file = path.join(dir, "contenu");
    await pipeline(await s.storage.get(f.storage_key), createWriteStream(file));
    const got = await extractText(file, f.mime_type, f.original_name);
    if (!got.ok) return { body: "", contentNote: `contenu non indexé : ${got.reason}`, sections: [] };
    const sections = got.pages
      ? got.pages.map((body, i) => ({ anchor: `page=${i + 1}`, heading: null, body }))
      : [{ anchor: null, heading: null, body: got.text }];
    return { body: got.text, contentNote: null, sections };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function fileEntry(s: Services, id: string): Promise<Entry | null> {
  const [f] = await s.db.query<FileFacts>(
    `SELECT f.space_id, f.title, f.description, f.kind, f.themes, f.uploaded_by, f.updated_at, f.deleted_at, f.deleted_by,
            v.original_name, v.mime_type, v.storage_key, k.label AS kind_label
       FROM files f JOIN file_versions v ON v.file_id = f.id AND v.number = f.current_version
       LEFT JOIN file_kinds k ON k.space_id = f.space_id AND k.slug = f.kind
      WHERE f.id = $1`,
    [id],
  );
  if (!f) return null;
  const contents = (await previousContents(s.db, id, f.storage_key)) ?? (await fileContents(s, f));
  return {
    type: "file",
    id,
    spaceId: f.space_id,
    documentId: null,
    kind: f.kind,
    status: null,
    themes: f.themes,
    title: f.title,
    secondary: `${f.original_name}\n${f.description}`,
    body: contents.body,
    labels: labelsOf(f.kind_label ?? FILE_KIND_LABELS[f.kind as keyof typeof FILE_KIND_LABELS], f.themes),
    contentNote: contents.contentNote,
    contentKey: f.storage_key,
    updatedAt: f.updated_at,
    inTrash: f.deleted_at !== null,
    trashedBy: f.deleted_by,
    ownerId: f.uploaded_by,
    sections: contents.sections,
  };
}
