/**
 * The public site's visitor: anyone, with or without an account. Public pages, feeds and forms ask
 * here like every route; what a visitor may not see does not exist for them (a 404 naming nothing).
 */
import { canAsVisitor, type PublicAction, type PublicFacts } from "@atelier/shared";
import { notFound } from "../http/errors.js";

export function authorizeVisitor(action: PublicAction, facts?: PublicFacts): void {
  if (!canAsVisitor(action, facts)) throw notFound("Cette page n'existe pas.");
}
