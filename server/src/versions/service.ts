/**
 * Making versions. A version is a full snapshot of the document's Yjs state (and its state
 * vector) in its own table: opening one is a single row read, and the live document keeps
 * garbage collection on, so history never makes it grow.
 *
 * The workflow freezes a version at "validé" and "transmis" with createVersion(…, {kind: "workflow"}).
 */
import type { VersionKind } from "@atelier/shared";
import * as Y from "yjs";
import type { Services } from "../context.js";
import type { Db, Queryable } from "../db/index.js";
import { loadYDoc } from "../documents/content.js";
import { latestVersion, versionState } from "./queries.js";
import { authorsSettled } from "./pending-authors.js";

export interface CreateVersionInput {
  documentId: string;
  /** "présentée au COPIL du 4 décembre", "Validé par le pilote"… null for an automatic version. */
  name: string | null;
  /** Who asked for it; null for an automatic version. */
  authorId: string | null;
  /** Why, in the words of the workflow or of the person ("Transmis au national"). */
  reason?: string | null;
  /** "workflow" unless said otherwise: the versions routes pass "named" or "restore". */
  kind?: VersionKind;
  restoredFrom?: string | null;
}

export interface CreatedVersion {
  id: string;
  createdAt: Date;
}

/**
 * Snapshots the document's current stored state, inside the caller's transaction. The authors
 * are the people who wrote since the previous version.
 */
export async function createVersion(
  s: Pick<Services, "db">,
  q: Queryable,
  input: CreateVersionInput,
): Promise<CreatedVersion> {
  // Edits accepted on this instance have their authors written before we read them.
  await authorsSettled(s.db, input.documentId);
  const doc = await loadYDoc(q, input.documentId);
  try {
    return await insertSnapshot(q, doc, input);
  } finally {
    doc.destroy();
  }
}

/** Stores `doc` as a version of the document. */
export async function insertSnapshot(q: Queryable, doc: Y.Doc, input: CreateVersionInput): Promise<CreatedVersion> {
  const id = crypto.randomUUID();
  const [row] = await q.query<{ created_at: Date }>(
    `INSERT INTO document_versions (id, document_id, kind, name, reason, created_by, restored_from, authors, state, state_vector)
     VALUES ($1, $2, $3, $4, $5, $6, $7,
             ARRAY(SELECT a.user_id FROM document_authors a
                    WHERE a.document_id = $2
                      AND a.last_edit_at > COALESCE((SELECT max(created_at) FROM document_versions WHERE document_id = $2), '-infinity')
                    ORDER BY a.last_edit_at),
             $8, $9)
     RETURNING created_at`,
    [
      id,
      input.documentId,
      input.kind ?? "workflow",
      input.name,
      input.reason ?? null,
      input.authorId,
      input.restoredFrom ?? null,
      Y.encodeStateAsUpdate(doc),
      Y.encodeStateVector(doc),
    ],
  );
  return { id, createdAt: row!.created_at };
}

/** A version and the snapshot it holds. */
export interface HeldVersion extends CreatedVersion {
  state: Uint8Array;
}

/**
 * Inside the caller's transaction: the latest version when it holds exactly the document's current
 * stored state, else a new one (`created`). One snapshot at a time per document, across instances:
 * an edit stored meanwhile waits. Null when the document is gone.
 */
async function versionOfState(q: Queryable, input: CreateVersionInput): Promise<{ version: HeldVersion; created: boolean } | null> {
  const [found] = await q.query("SELECT id FROM documents WHERE id = $1 FOR UPDATE", [input.documentId]);
  if (!found) return null;
  const doc = await loadYDoc(q, input.documentId);
  try {
    const state = Y.encodeStateAsUpdate(doc);
    const latest = await latestVersion(q, input.documentId);
    if (latest && Buffer.from(state).equals(Buffer.from(latest.state))) {
      return { version: { id: latest.id, createdAt: latest.created_at, state }, created: false };
    }
    return { version: { ...(await insertSnapshot(q, doc, input)), state }, created: true };
  } finally {
    doc.destroy();
  }
}

/**
 * A version of the current state unless the latest version already holds exactly it (automatic
 * versions, and the one kept before a restore). Two instances seeing the same pause make one.
 */
export async function snapshotIfChanged(db: Db, input: CreateVersionInput): Promise<CreatedVersion | null> {
  await authorsSettled(db, input.documentId);
  const held = await db.tx((q) => versionOfState(q, input));
  return held?.created ? { id: held.version.id, createdAt: held.version.createdAt } : null;
}

/**
 * The version holding the document's current stored state, inside the caller's transaction (a text
 * "transmis" has one already). For what quotes a document as it stands (the national synthesis), so
 * that the quote names its version.
 */
export async function versionOfCurrent(s: Pick<Services, "db">, q: Queryable, input: CreateVersionInput): Promise<HeldVersion> {
  await authorsSettled(s.db, input.documentId);
  const held = await versionOfState(q, input);
  if (!held) throw new Error(`document ${input.documentId} introuvable`);
  return held.version;
}

/** Whether the document's stored text is no longer the version's ("modifié depuis"). */
export async function changedSince(q: Queryable, documentId: string, versionId: string): Promise<boolean> {
  const doc = await loadYDoc(q, documentId);
  try {
    return !Buffer.from(Y.encodeStateAsUpdate(doc)).equals(Buffer.from(await versionState(q, versionId)));
  } finally {
    doc.destroy();
  }
}
