import type { DirectoryEntry } from "@atelier/shared";
import type { Queryable } from "../db/index.js";

interface EntryRow {
  id: string;
  name: string;
  level: DirectoryEntry["level"];
  parent_id: string | null;
  territory: string | null;
  organisations: string[];
  archived: boolean;
  pending: boolean;
}

// Only what the directory may show: no description, themes, members' names or documents.
// The programme's order: the national COPIL, then each territory followed by its regions.
const ENTRIES_SQL = `
  SELECT s.id, s.name, s.level, s.parent_id, s.archived_at IS NOT NULL AS archived,
         CASE s.level WHEN 'territorial' THEN s.name WHEN 'regional' THEN p.name END AS territory,
         ARRAY(SELECT DISTINCT u.organisation FROM memberships m JOIN users u ON u.id = m.user_id
                WHERE m.space_id = s.id AND m.role = 'pilote' AND u.active AND u.organisation <> ''
                ORDER BY u.organisation) AS organisations,
         EXISTS (SELECT 1 FROM access_requests r
                  WHERE r.space_id = s.id AND r.user_id = $1 AND r.status = 'pending') AS pending
    FROM spaces s LEFT JOIN spaces p ON p.id = s.parent_id`;

const ORDER = `ORDER BY s.level = 'national' DESC, CASE s.level WHEN 'regional' THEN p.name ELSE s.name END, s.level = 'regional', s.name`;

const toEntry = (r: EntryRow, readable: Set<string>): DirectoryEntry => ({
  id: r.id,
  name: r.name,
  level: r.level,
  parentId: r.parent_id,
  territory: r.territory,
  pilotOrganisations: r.organisations,
  archived: r.archived,
  access: readable.has(r.id) ? "reader" : r.pending ? "pending" : "none",
});

/** Every committee, as the directory shows it to `userId` (who reads the `readable` ones). */
export async function listEntries(q: Queryable, userId: string, readable: Set<string>): Promise<DirectoryEntry[]> {
  const rows = await q.query<EntryRow>(`${ENTRIES_SQL} ${ORDER}`, [userId]);
  return rows.map((r) => toEntry(r, readable));
}

export async function getEntry(q: Queryable, userId: string, readable: Set<string>, spaceId: string): Promise<DirectoryEntry | null> {
  const [row] = await q.query<EntryRow>(`${ENTRIES_SQL} WHERE s.id = $2`, [userId, spaceId]);
  return row ? toEntry(row, readable) : null;
}

/** The space holding the document; null when there is no such document. */
export async function spaceOfDocument(q: Queryable, documentId: string): Promise<string | null> {
  const [row] = await q.query<{ space_id: string }>("SELECT space_id FROM documents WHERE id = $1", [documentId]);
  return row?.space_id ?? null;
}
