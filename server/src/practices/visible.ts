/** What of the practices a visitor may reach, asked of the policy. */
import type { Queryable } from "../db/index.js";
import { authorizeVisitor } from "../policy/index.js";
import { practiceBySlug, type PracticeRow } from "./queries.js";

/** A published practice by its slug, else the visitor's 404 (an unpublished one is not told apart from none). */
export async function visiblePractice(q: Queryable, slug: string): Promise<PracticeRow> {
  const p = await practiceBySlug(q, slug);
  authorizeVisitor("practice.read", { published: p !== undefined });
  return p!;
}
