/** The published practices (snapshots of fiche pratique documents) and the public's proposals. */
import { slugify, type PracticeProposalForm } from "@atelier/shared";
import { hashToken, randomToken } from "../auth/tokens.js";
import type { Queryable } from "../db/index.js";
import type { FicheField } from "./fiche.js";

export interface PracticeRow {
  document_id: string;
  space_id: string;
  slug: string;
  title: string;
  fields: FicheField[];
  territory_slug: string | null;
  themes: string[];
  target_public: string;
  establishment: string;
  published_at: Date;
  /** The attachments its fields show, served from its page's address (public-site/images.ts). */
  images: string[];
  space_name: string;
  territory_name: string | null;
}

const SELECT = `
  SELECT pr.document_id, pr.space_id, pr.slug, pr.title, pr.fields, pr.territory_slug, pr.themes, pr.target_public,
         pr.establishment, pr.published_at, pr.images, s.name AS space_name,
         CASE s.level WHEN 'territorial' THEN s.name WHEN 'regional' THEN p.name END AS territory_name
    FROM practices pr JOIN spaces s ON s.id = pr.space_id LEFT JOIN spaces p ON p.id = s.parent_id`;

export interface PracticeFilters {
  q?: string;
  territory?: string;
  theme?: string;
  targetPublic?: string;
  establishment?: string;
  limit?: number;
}

const likeEscape = (v: string) => v.replace(/[\\%_]/g, (ch) => `\\${ch}`);

export async function publishedPractices(q: Queryable, f: PracticeFilters = {}): Promise<PracticeRow[]> {
  const where = ["true"];
  const params: unknown[] = [];
  const param = (v: unknown) => `$${params.push(v)}`;
  if (f.q) where.push(`unaccent(lower(pr.search_text)) LIKE '%' || unaccent(lower(${param(likeEscape(f.q))})) || '%'`);
  if (f.territory) where.push(`pr.territory_slug = ${param(f.territory)}`);
  if (f.theme) where.push(`${param(f.theme)} = ANY(pr.themes)`);
  if (f.targetPublic) where.push(`pr.target_public = ${param(f.targetPublic)}`);
  if (f.establishment) where.push(`pr.establishment = ${param(f.establishment)}`);
  const limit = f.limit ? ` LIMIT ${param(f.limit)}` : "";
  return q.query<PracticeRow>(`${SELECT} WHERE ${where.join(" AND ")} ORDER BY pr.published_at DESC, pr.title${limit}`, params);
}

/** The values the published practices hold for a filter, for its list of choices. */
export async function filterValues(q: Queryable): Promise<{ targetPublic: string[]; establishment: string[] }> {
  const rows = await q.query<{ target_public: string; establishment: string }>("SELECT target_public, establishment FROM practices");
  const distinct = (values: string[]) => [...new Set(values.filter(Boolean))].sort((a, b) => a.localeCompare(b, "fr"));
  return { targetPublic: distinct(rows.map((r) => r.target_public)), establishment: distinct(rows.map((r) => r.establishment)) };
}

export async function practiceBySlug(q: Queryable, slug: string): Promise<PracticeRow | undefined> {
  const [row] = await q.query<PracticeRow>(`${SELECT} WHERE pr.slug = $1`, [slug]);
  return row;
}

export async function practiceOfDocument(q: Queryable, documentId: string): Promise<PracticeRow | undefined> {
  const [row] = await q.query<PracticeRow>(`${SELECT} WHERE pr.document_id = $1`, [documentId]);
  return row;
}

export interface PracticeSnapshot {
  documentId: string;
  spaceId: string;
  slug: string;
  title: string;
  fields: FicheField[];
  images: string[];
  themes: string[];
  targetPublic: string;
  establishment: string;
  userId: string;
}

/** Addresses of the public form's pages, never a practice's. */
const RESERVED = new Set(["proposer", "confirmer"]);

/** A slug from the title, kept for good once given (links to the page and its images rely on it). */
export async function practiceSlug(q: Queryable, title: string, documentId: string): Promise<string> {
  const [kept] = await q.query<{ slug: string }>("SELECT slug FROM practices WHERE document_id = $1", [documentId]);
  if (kept) return kept.slug;
  const base = slugify(title).slice(0, 80) || "pratique";
  const [taken] = await q.query("SELECT 1 FROM practices WHERE slug = $1 AND document_id <> $2", [base, documentId]);
  return taken || RESERVED.has(base) ? `${base}-${documentId.slice(0, 8)}` : base;
}

/** Publishes the snapshot, or replaces the one published (its address stays). */
export async function savePractice(q: Queryable, p: PracticeSnapshot): Promise<void> {
  const search = [p.title, ...p.fields.map((f) => f.text)].join("\n");
  await q.query(
    `INSERT INTO practices (document_id, space_id, slug, title, fields, territory_slug, themes, target_public, establishment, search_text, published_by, images)
     SELECT $1, $2, $3, $4, $5, CASE s.level WHEN 'territorial' THEN s.slug WHEN 'regional' THEN p.slug END, $6, $7, $8, $9, $10, $11
       FROM spaces s LEFT JOIN spaces p ON p.id = s.parent_id WHERE s.id = $2
     ON CONFLICT (document_id) DO UPDATE SET space_id = EXCLUDED.space_id, title = EXCLUDED.title, fields = EXCLUDED.fields,
            territory_slug = EXCLUDED.territory_slug, themes = EXCLUDED.themes, target_public = EXCLUDED.target_public,
            establishment = EXCLUDED.establishment, search_text = EXCLUDED.search_text, published_by = EXCLUDED.published_by,
            images = EXCLUDED.images, published_at = now()`,
    [p.documentId, p.spaceId, p.slug, p.title, JSON.stringify(p.fields), p.themes, p.targetPublic, p.establishment, search, p.userId, p.images],
  );
}

/** Takes it off the site; true when it was on. */
export async function deletePractice(q: Queryable, documentId: string): Promise<boolean> {
  return (await q.query("DELETE FROM practices WHERE document_id = $1 RETURNING document_id", [documentId])).length > 0;
}

export interface ProposalRow {
  id: string;
  space_id: string;
  form: PracticeProposalForm;
  email: string;
  confirmed_at: Date | null;
  created_at: Date;
}

/** The territory's space a proposal goes to. */
export async function territorySpace(q: Queryable, territory: string): Promise<string | undefined> {
  const [row] = await q.query<{ id: string }>("SELECT id FROM spaces WHERE level = 'territorial' AND slug = $1 AND archived_at IS NULL", [territory]);
  return row?.id;
}

/** Records an unconfirmed proposal; returns the token of its confirmation link. */
export async function insertProposal(q: Queryable, spaceId: string, form: PracticeProposalForm): Promise<string> {
  const token = randomToken();
  await q.query("INSERT INTO practice_proposals (id, space_id, form, email, token_hash) VALUES ($1, $2, $3, $4, $5)", [
    crypto.randomUUID(),
    spaceId,
    JSON.stringify(form),
    form.contact_email,
    hashToken(token),
  ]);
  return token;
}

export async function proposalByToken(q: Queryable, token: string): Promise<ProposalRow | undefined> {
  const [row] = await q.query<ProposalRow>("SELECT * FROM practice_proposals WHERE token_hash = $1", [hashToken(token)]);
  return row;
}

export async function proposalById(q: Queryable, id: string): Promise<ProposalRow | undefined> {
  const [row] = await q.query<ProposalRow>("SELECT * FROM practice_proposals WHERE id = $1", [id]);
  return row;
}

export async function confirmProposal(q: Queryable, id: string): Promise<void> {
  await q.query("UPDATE practice_proposals SET confirmed_at = now() WHERE id = $1 AND confirmed_at IS NULL", [id]);
}

/** The moderation queue: confirmed proposals, oldest first. */
export const queuedProposals = (q: Queryable, spaceId: string) =>
  q.query<ProposalRow>("SELECT * FROM practice_proposals WHERE space_id = $1 AND confirmed_at IS NOT NULL ORDER BY confirmed_at, id", [spaceId]);

/** Takes a proposal out of the queue; false when another pilote decided it meanwhile. */
export async function deleteProposal(q: Queryable, id: string): Promise<boolean> {
  return (await q.query("DELETE FROM practice_proposals WHERE id = $1 AND confirmed_at IS NOT NULL RETURNING id", [id])).length > 0;
}
