/**
 * A version's authors are read from the database: before making one, the authors of the edits
 * already stored on this instance must be written. The instance's tracker says when they are
 * (its own module, so that making versions and tracking edits do not import each other).
 */
import type { Db } from "../db/index.js";

const settlers = new WeakMap<Db, (documentId: string) => Promise<void>>();

/** The tracker of the instance using `db` tells when a document's authors are written; returns how to stop. */
export function settleAuthorsWith(db: Db, settled: (documentId: string) => Promise<void>): () => void {
  settlers.set(db, settled);
  return () => {
    if (settlers.get(db) === settled) settlers.delete(db);
  };
}

/** Resolves once the authors of the document's stored edits are written. */
export async function authorsSettled(db: Db, documentId: string) {
  await settlers.get(db)?.(documentId);
}
