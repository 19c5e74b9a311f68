import { followsWorkflow, type DocumentKind, type DocumentStatus, type HomeDocument } from "@atelier/shared";
import type { Queryable } from "../db/index.js";

interface DocRow {
  id: string;
  space_id: string;
  space_name: string;
  title: string;
  kind: DocumentKind;
  status: DocumentStatus | null;
  changed_at: Date;
}

// A live document, its status (no row: a draft) and its latest change of content, title or status.
const DOCS_SQL = `
  SELECT d.id, d.space_id, s.name AS space_name, d.title, d.kind, w.status,
         GREATEST(d.updated_at, w.changed_at) AS changed_at
    FROM documents d JOIN spaces s ON s.id = d.space_id LEFT JOIN document_workflow w ON w.document_id = d.id
   WHERE d.trashed_at IS NULL`;

const toDocument = (r: DocRow): HomeDocument => ({
  id: r.id,
  title: r.title,
  kind: r.kind,
  status: followsWorkflow(r.kind) ? (r.status ?? "brouillon") : null,
  changedAt: new Date(r.changed_at).toISOString(),
});

/** The `perSpace` latest documents of each space, and how many each holds. */
export async function latestDocuments(
  q: Queryable,
  spaceIds: string[],
  perSpace: number,
): Promise<Map<string, { documents: HomeDocument[]; total: number }>> {
  const bySpace = new Map(spaceIds.map((id) => [id, { documents: [] as HomeDocument[], total: 0 }]));
  if (spaceIds.length === 0) return bySpace;
  const rows = await q.query<DocRow & { total: number }>(
    `SELECT * FROM (
       SELECT docs.*, row_number() OVER (PARTITION BY space_id ORDER BY changed_at DESC, id) AS rank,
              count(*) OVER (PARTITION BY space_id)::int AS total
         FROM (${DOCS_SQL} AND d.space_id = ANY($1::uuid[])) docs
     ) ranked WHERE rank <= $2 ORDER BY space_id, rank`,
    [spaceIds, perSpace],
  );
  for (const r of rows) {
    const entry = bySpace.get(r.space_id)!;
    entry.documents.push(toDocument(r));
    entry.total = r.total;
  }
  return bySpace;
}

/** Live documents at one of the given (space, status) pairs, oldest change first: the longest waiting. */
export async function documentsAt(
  q: Queryable,
  pairs: { spaceId: string; status: DocumentStatus }[],
): Promise<(HomeDocument & { space: { id: string; name: string } })[]> {
  if (pairs.length === 0) return [];
  const rows = await q.query<DocRow>(
    `${DOCS_SQL} AND (d.space_id, COALESCE(w.status, 'brouillon')) IN
       (SELECT * FROM unnest($1::uuid[], $2::text[]))
     ORDER BY changed_at, d.id`,
    [pairs.map((p) => p.spaceId), pairs.map((p) => p.status)],
  );
  return rows.map((r) => ({ ...toDocument(r), space: { id: r.space_id, name: r.space_name } }));
}
