import type { Queryable } from "../db/index.js";
import type { NewVersion } from "../files/queries.js";

export interface AttachmentRow {
  id: string;
  document_id: string;
  storage_key: string;
  original_name: string;
  mime_type: string;
  size: string | number;
  sha256: string;
}

export async function insertAttachment(q: Queryable, id: string, documentId: string, userId: string, v: NewVersion) {
  await q.query(
    `INSERT INTO attachments (id, document_id, storage_key, original_name, mime_type, size, sha256, uploaded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [id, documentId, v.key, v.originalName, v.mimeType, v.size, v.sha256, userId],
  );
}

export async function findAttachment(q: Queryable, id: string): Promise<AttachmentRow | null> {
  const rows = await q.query<AttachmentRow>(
    "SELECT id, document_id, storage_key, original_name, mime_type, size, sha256 FROM attachments WHERE id = $1",
    [id],
  );
  return rows[0] ?? null;
}
