/** An API error with the server's French message ({error:{code,message}}). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function request(url: string): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: "same-origin", headers: { accept: "application/json" } });
  } catch {
    throw new ApiError(0, "Le serveur ne répond pas : vérifiez votre connexion à internet.");
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new ApiError(response.status, body?.error?.message ?? `Le serveur a répondu par une erreur (${response.status}).`);
  }
  return response;
}

export const getJson = async <T>(url: string): Promise<T> => (await (await request(url)).json()) as T;
