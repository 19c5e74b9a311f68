import {
  followsWorkflow,
  DOCUMENT_KINDS,
  type DashboardDocument,
  type DashboardQuery,
  type DashboardReply,
  type DashboardSpace,
  type DashboardTerritory,
} from "@atelier/shared";
import type { Queryable } from "../db/index.js";
import { documentLink } from "../notifications/notify.js";

export const DASHBOARD_KINDS = DOCUMENT_KINDS.filter(followsWorkflow);

interface SpaceRow {
  id: string;
  slug: string;
  name: string;
  level: "territorial" | "regional";
  parent_id: string | null;
}

interface DocRow {
  id: string;
  space_id: string;
  title: string;
  kind: DashboardDocument["kind"];
  themes: string[];
  status: DashboardDocument["status"];
  status_changed_at: Date;
  last_change_at: Date;
  open_comments: number;
}

const iso = (d: Date | string) => new Date(d).toISOString();

/** The documents of the workflow in territorial and regional spaces, filtered; open threads from the comments' table. */
async function documents(q: Queryable, filter: DashboardQuery): Promise<DocRow[]> {
  return q.query<DocRow>(
    `SELECT d.id, d.space_id, d.title, d.kind, d.themes,
            COALESCE(w.status, 'brouillon') AS status,
            COALESCE(w.changed_at, d.created_at) AS status_changed_at,
            GREATEST(d.updated_at, w.changed_at,
                     (SELECT u.created_at FROM document_updates u WHERE u.document_id = d.id ORDER BY u.id DESC LIMIT 1)) AS last_change_at,
            (SELECT count(*)::int FROM comment_threads t WHERE t.document_id = d.id AND t.resolved_at IS NULL) AS open_comments
       FROM documents d
       JOIN spaces s ON s.id = d.space_id
       LEFT JOIN document_workflow w ON w.document_id = d.id
      WHERE d.trashed_at IS NULL AND d.kind = ANY($1::text[]) AND s.level IN ('territorial', 'regional')
        AND ($2::text IS NULL OR $2 = ANY(d.themes))
        AND ($3::text IS NULL OR COALESCE(w.status, 'brouillon') = $3)
        AND ($4::text IS NULL OR s.slug = $4 OR s.parent_id = (SELECT id FROM spaces WHERE slug = $4))
      ORDER BY d.title, d.id`,
    [DASHBOARD_KINDS, filter.theme ?? null, filter.status ?? null, filter.territory ?? null],
  );
}

export async function dashboard(q: Queryable, filter: DashboardQuery): Promise<DashboardReply> {
  const spaces = await q.query<SpaceRow>(
    `SELECT id, slug, name, level, parent_id FROM spaces
      WHERE level IN ('territorial', 'regional') AND archived_at IS NULL
        AND ($1::text IS NULL OR slug = $1 OR parent_id = (SELECT id FROM spaces WHERE slug = $1))
      ORDER BY name`,
    [filter.territory ?? null],
  );
  const withLivrable = new Set(
    (
      await q.query<{ space_id: string }>(
        "SELECT DISTINCT space_id FROM documents WHERE kind = 'livrable' AND trashed_at IS NULL",
      )
    ).map((r) => r.space_id),
  );
  const bySpace = new Map<string, DashboardDocument[]>();
  for (const d of await documents(q, filter)) {
    const list = bySpace.get(d.space_id) ?? [];
    list.push({
      id: d.id,
      title: d.title,
      kind: d.kind,
      themes: d.themes,
      status: d.status,
      statusChangedAt: iso(d.status_changed_at),
      lastChangeAt: iso(d.last_change_at),
      openComments: d.open_comments,
      link: documentLink(d.id),
    });
    bySpace.set(d.space_id, list);
  }
  const entry = (s: SpaceRow): DashboardSpace => ({ id: s.id, slug: s.slug, name: s.name, level: s.level, documents: bySpace.get(s.id) ?? [] });
  const territories: DashboardTerritory[] = spaces
    .filter((s) => s.level === "territorial")
    .map((t) => {
      const regions = spaces.filter((r) => r.parent_id === t.id).map(entry);
      return {
        ...entry(t),
        hasLivrable: withLivrable.has(t.id) || regions.some((r) => withLivrable.has(r.id)),
        regions,
      };
    });
  return { kinds: DASHBOARD_KINDS, territories };
}
