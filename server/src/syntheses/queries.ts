/** The synthesis_sources table: which documents a national synthèse gathers, and from which version. */
import type { Queryable } from "../db/index.js";

export interface SourceRow {
  source_id: string;
  version_id: string;
  version_at: Date;
  label: string;
  added_at: Date;
  title: string;
  space_id: string;
  space_name: string;
  trashed: boolean;
}

export async function listSources(q: Queryable, synthesisId: string): Promise<SourceRow[]> {
  return q.query<SourceRow>(
    `SELECT x.source_id, x.version_id, v.created_at AS version_at, x.label, x.added_at,
            d.title, d.space_id, s.name AS space_name, d.trashed_at IS NOT NULL AS trashed
       FROM synthesis_sources x
       JOIN documents d ON d.id = x.source_id
       JOIN spaces s ON s.id = d.space_id
       JOIN document_versions v ON v.id = x.version_id
      WHERE x.synthesis_id = $1
      ORDER BY x.position`,
    [synthesisId],
  );
}

/** Adds the source at the end, or moves an existing one to this version and heading. */
export async function saveSource(
  q: Queryable,
  row: { synthesisId: string; sourceId: string; versionId: string; label: string; userId: string },
): Promise<void> {
  await q.query(
    `INSERT INTO synthesis_sources (synthesis_id, source_id, version_id, label, position, added_by)
     VALUES ($1, $2, $3, $4, (SELECT COALESCE(max(position), 0) + 1 FROM synthesis_sources WHERE synthesis_id = $1), $5)
     ON CONFLICT (synthesis_id, source_id) DO UPDATE SET version_id = EXCLUDED.version_id, label = EXCLUDED.label`,
    [row.synthesisId, row.sourceId, row.versionId, row.label, row.userId],
  );
}
