/**
 * The typed client of the Atelier API: same-origin cookies, JSON both ways, answers checked
 * against the zod schemas of @atelier/shared, errors turned into ApiError with a French message.
 */
import { ApiErrorSchema } from "@atelier/shared";
import type { z } from "zod";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

const FALLBACK_MESSAGES: Record<number, string> = {
  0: "Le serveur ne répond pas : vérifiez votre connexion à internet puis réessayez.",
  401: "Votre session a expiré : reconnectez-vous.",
  403: "Vous n'avez pas accès à cette page.",
  404: "Cette page n'existe pas ou plus.",
  413: "L'envoi est trop volumineux.",
  429: "Trop de tentatives : patientez avant de réessayer.",
};

/** What to do when the session has ended: the shell sends the person to the login page. */
let onUnauthorized: () => void = () => {};
export const setUnauthorizedHandler = (handler: () => void) => {
  onUnauthorized = handler;
};

interface Options {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Sent as JSON, or as is when a string, a file (with contentType) or a form. */
  body?: unknown;
  contentType?: string;
  /** false where a 401 is an expected answer (the session probe, the login form). */
  redirectOn401?: boolean;
}

async function send(path: string, { method = "GET", body, contentType, redirectOn401 = true }: Options) {
  const headers: Record<string, string> = { accept: "application/json" };
  let payload: BodyInit | undefined;
  // A form (a file with its fields): the browser writes its multipart type and boundary.
  if (body instanceof FormData) payload = body;
  else if (typeof body === "string" || body instanceof Blob) {
    headers["content-type"] = contentType ?? (typeof body === "string" ? "text/plain" : "application/octet-stream");
    payload = body;
  } else if (body !== undefined) {
    headers["content-type"] = "application/json";
    payload = JSON.stringify(body);
  }
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: payload, credentials: "same-origin" });
  } catch {
    throw new ApiError(0, "network", FALLBACK_MESSAGES[0]!);
  }
  if (response.ok) return response;
  const parsed = ApiErrorSchema.safeParse(await response.json().catch(() => null));
  const error = parsed.success
    ? new ApiError(response.status, parsed.data.error.code, parsed.data.error.message, parsed.data.error.details)
    : new ApiError(
        response.status,
        "http",
        FALLBACK_MESSAGES[response.status] ?? `Le serveur a rencontré un problème (erreur ${response.status}). Réessayez plus tard.`,
      );
  if (response.status === 401 && redirectOn401) onUnauthorized();
  throw error;
}

/** A request whose answer is checked against `schema`. */
export async function request<S extends z.ZodType>(path: string, schema: S, options: Options = {}): Promise<z.infer<S>> {
  const response = await send(path, options);
  const parsed = schema.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) {
    throw new ApiError(response.status, "bad_reply", "Le serveur a envoyé une réponse inattendue. Rechargez la page.");
  }
  return parsed.data;
}

/** A request whose answer has no body (204) or whose body does not matter. */
export async function requestVoid(path: string, options: Options = {}): Promise<void> {
  await send(path, options);
}

/** The French message to show for any error thrown while talking to the API. */
export const errorMessage = (error: unknown) =>
  error instanceof ApiError ? error.message : "Une erreur inattendue s'est produite. Rechargez la page.";

/** "?a=1&b=2" from the parameters that have a value, or "" when none has. */
export function queryString(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") search.set(k, String(v));
  const s = search.toString();
  return s ? `?${s}` : "";
}

/** A file the API sends (an export): its bytes and the name its Content-Disposition gives. */
export async function requestFile(path: string): Promise<{ blob: Blob; name: string }> {
  const response = await send(path, {});
  const disposition = response.headers.get("content-disposition") ?? "";
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  const plain = /filename="([^"]*)"/i.exec(disposition)?.[1];
  return { blob: await response.blob(), name: encoded ? decodeURIComponent(encoded) : (plain ?? "document") };
}
