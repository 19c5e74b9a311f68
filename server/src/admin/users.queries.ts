/** Reading and writing accounts as the administration sees them: with every membership. */
import type { AdminMembership, AdminUser, AdminUsersQuery, PlatformRole, SpaceLevel, SpaceRole } from "@atelier/shared";
import type { z } from "zod";
import type { Queryable } from "../db/index.js";

type ListQuery = z.output<typeof AdminUsersQuery>;

interface UserRecord {
  id: string;
  email: string;
  first_name: string;
  last_name: string;
  organisation: string;
  platform_role: PlatformRole | null;
  active: boolean;
  has_password: boolean;
  has_proconnect: boolean;
  created_at: Date;
  erased_at: Date | null;
}

const USER_COLUMNS = `u.id, u.email, u.first_name, u.last_name, u.organisation, u.platform_role, u.active,
                      u.password_hash IS NOT NULL AS has_password, u.created_at, u.erased_at,
                      EXISTS (SELECT 1 FROM proconnect_identities p WHERE p.user_id = u.id) AS has_proconnect`;

/** LIKE metacharacters typed by the admin are searched for literally. */
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

export async function listUsers(q: Queryable, query: ListQuery): Promise<{ users: AdminUser[]; total: number }> {
  const where: string[] = [];
  const params: unknown[] = [];
  const param = (v: unknown) => `$${params.push(v)}`;
  if (query.q) {
    // Accents and case ignored: "helene" finds "Hélène".
    where.push(
      `unaccent(lower(u.first_name || ' ' || u.last_name || ' ' || u.email || ' ' || u.organisation))
         LIKE '%' || unaccent(lower(${param(likeEscape(query.q))})) || '%'`,
    );
  }
  if (query.platformRole === "none") where.push("u.platform_role IS NULL");
  else if (query.platformRole) where.push(`u.platform_role = ${param(query.platformRole)}`);
  if (query.active) where.push(`u.active = ${param(query.active === "true")}`);
  const rows = await q.query<UserRecord & { total: number }>(
    `SELECT ${USER_COLUMNS}, count(*) OVER ()::int AS total FROM users u
      ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
      ORDER BY lower(u.last_name), lower(u.first_name), u.email
      LIMIT ${param(query.limit)} OFFSET ${param(query.offset)}`,
    params,
  );
  const total = rows[0]?.total ?? (query.offset > 0 ? await countUsers(q, where, params.slice(0, -2)) : 0);
  return { users: await withMemberships(q, rows), total };
}

async function countUsers(q: Queryable, where: string[], params: unknown[]): Promise<number> {
  const [row] = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM users u ${where.length ? `WHERE ${where.join(" AND ")}` : ""}`,
    params,
  );
  return row!.n;
}

export async function getUser(q: Queryable, id: string): Promise<AdminUser | null> {
  const rows = await q.query<UserRecord>(`SELECT ${USER_COLUMNS} FROM users u WHERE u.id = $1`, [id]);
  const [user] = await withMemberships(q, rows);
  return user ?? null;
}

async function withMemberships(q: Queryable, rows: UserRecord[]): Promise<AdminUser[]> {
  if (rows.length === 0) return [];
  const memberships = await q.query<{
    user_id: string;
    space_id: string;
    slug: string;
    name: string;
    level: SpaceLevel;
    archived: boolean;
    role: SpaceRole;
    active_pilotes: number;
  }>(
    `SELECT m.user_id, s.id AS space_id, s.slug, s.name, s.level, s.archived_at IS NOT NULL AS archived, m.role,
            (SELECT count(*)::int FROM memberships p JOIN users pu ON pu.id = p.user_id
              WHERE p.space_id = m.space_id AND p.role = 'pilote' AND pu.active) AS active_pilotes
       FROM memberships m JOIN spaces s ON s.id = m.space_id
      WHERE m.user_id = ANY($1::uuid[])
      ORDER BY array_position(ARRAY['national','territorial','regional'], s.level), s.name`,
    [rows.map((r) => r.id)],
  );
  const [admins] = await q.query<{ n: number }>("SELECT count(*)::int AS n FROM users WHERE platform_role = 'admin' AND active");
  const byUser = new Map<string, AdminMembership[]>();
  for (const m of memberships) {
    const list = byUser.get(m.user_id) ?? [];
    list.push({
      spaceId: m.space_id,
      spaceSlug: m.slug,
      spaceName: m.name,
      level: m.level,
      archived: m.archived,
      role: m.role,
      lastPilote: m.role === "pilote" && m.active_pilotes <= 1,
    });
    byUser.set(m.user_id, list);
  }
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    firstName: r.first_name,
    lastName: r.last_name,
    organisation: r.organisation,
    platformRole: r.platform_role,
    active: r.active,
    hasPassword: r.has_password,
    signIn: r.has_password ? (r.has_proconnect ? "both" : "password") : r.has_proconnect ? "proconnect" : "none",
    createdAt: new Date(r.created_at).toISOString(),
    erasedAt: r.erased_at ? new Date(r.erased_at).toISOString() : null,
    lastAdmin: r.platform_role === "admin" && r.active && admins!.n <= 1,
    memberships: byUser.get(r.id) ?? [],
  }));
}

export interface NewUser {
  email: string;
  firstName: string;
  lastName: string;
  organisation: string;
  platformRole: PlatformRole | null;
}

/**
 * Creates accounts without a password (each person sets one from their invitation), in one
 * statement however many there are; returns their ids in the same order.
 */
export async function insertUsers(q: Queryable, users: NewUser[]): Promise<string[]> {
  const ids = users.map(() => crypto.randomUUID());
  const column = <K extends keyof NewUser>(k: K) => users.map((u) => u[k]);
  await q.query(
    `INSERT INTO users (id, email, first_name, last_name, organisation, platform_role)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])`,
    [ids, column("email"), column("firstName"), column("lastName"), column("organisation"), column("platformRole")],
  );
  return ids;
}

export const insertUser = async (q: Queryable, u: NewUser) => (await insertUsers(q, [u]))[0]!;

export const emailTaken = async (q: Queryable, email: string) =>
  (await q.query("SELECT 1 FROM users WHERE email = $1", [email])).length > 0;

/**
 * Locks the user and every active admin, so that two admins acting at once cannot leave the
 * platform without one; returns the user's row and how many active admins there are.
 */
export async function lockForAdminChange(
  q: Queryable,
  userId: string,
): Promise<{ user: { id: string; platform_role: PlatformRole | null; active: boolean } | null; activeAdmins: number }> {
  const rows = await q.query<{ id: string; platform_role: PlatformRole | null; active: boolean }>(
    `SELECT id, platform_role, active FROM users
      WHERE id = $1 OR (platform_role = 'admin' AND active)
      ORDER BY id FOR UPDATE`,
    [userId],
  );
  return {
    user: rows.find((r) => r.id === userId) ?? null,
    activeAdmins: rows.filter((r) => r.platform_role === "admin" && r.active).length,
  };
}
