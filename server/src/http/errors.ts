import type { ContentfulStatusCode } from "hono/utils/http-status";

/** An error the client should see: a status, a stable code and a French message. */
export class HttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export const badRequest = (code: string, message: string, details?: unknown) =>
  new HttpError(400, code, message, details);
export const unauthorized = () => new HttpError(401, "unauthenticated", "Vous devez vous connecter.");
/** Deliberately says nothing of the resource: its name and content stay hidden. */
export const forbidden = (message = "Accès refusé.") => new HttpError(403, "forbidden", message);
export const notFound = (message = "Introuvable.") => new HttpError(404, "not_found", message);
export const conflict = (code: string, message: string, details?: unknown) =>
  new HttpError(409, code, message, details);

/** PostgreSQL's unique_violation. */
const UNIQUE_VIOLATION = "23505";

/**
 * Runs an insert that a check before it already refuses with `duplicate()` when the row exists.
 * Two requests at once can both pass that check: the one the unique constraint stops hears the
 * same answer instead of a 500.
 */
export async function refuseDuplicate<T>(insert: Promise<T>, duplicate: () => HttpError): Promise<T> {
  try {
    return await insert;
  } catch (err) {
    if ((err as { code?: unknown }).code === UNIQUE_VIOLATION) throw duplicate();
    throw err;
  }
}
