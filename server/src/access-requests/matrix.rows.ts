/**
 * "Demander l'accès": asked by whoever cannot read the space; seen and decided by its managers.
 * Deciding works on a fresh request from a fresh person each run.
 */
import type { MatrixContext, MatrixRow } from "../../test/matrix/matrix.js";
import { SIGNED_IN } from "../../test/matrix/profiles.js";
import { freshEmail, MANAGERS, prepared } from "../members/test-helpers.js";

/** A pending request from a new person with no space, written as their own request would be. */
async function freshRequest({ admin, server, spaceId }: MatrixContext): Promise<string> {
  const { user } = await prepared(admin.post("/api/admin/users", { email: freshEmail("demande"), firstName: "D", lastName: "E" }));
  const id = crypto.randomUUID();
  await server.services.db.query("INSERT INTO access_requests (id, space_id, user_id, message) VALUES ($1, $2, $3, '')", [
    id,
    spaceId,
    user.id,
  ]);
  return id;
}

export const rows: MatrixRow[] = [
  {
    action: "demander l'accès à un espace",
    run: async ({ client, spaceId }) => {
      const reply = await client.post(`/api/spaces/${spaceId}/access-requests`, { message: "Matrice" });
      // Someone who already reads the space has nothing to ask: their request is refused (409), an "N" here.
      return reply.status === 409 && reply.body.error.code === "already_reader" ? { ...reply, status: 403 } : reply;
    },
    expect: {
      admin: "NNNN",
      national: "NNNN",
      pilote: "NNYY",
      membre: "NNYY",
      contributeur: "NNYY",
      lecteur: "NNYY",
      regional: "N-NY",
      stranger: "YYYY",
      anonymous: "NNNN",
    },
  },
  {
    action: "voir les demandes d'accès d'un espace",
    run: ({ client, spaceId }) => client.get(`/api/spaces/${spaceId}/access-requests`),
    expect: MANAGERS,
  },
  {
    // Every logged-in person may ask; the list holds only the requests of spaces they manage.
    action: "voir les demandes d'accès à traiter (tous mes espaces)",
    run: ({ client }) => client.get("/api/access-requests"),
    expect: SIGNED_IN,
  },
  {
    action: "accorder une demande d'accès",
    run: async (ctx) => ctx.client.post(`/api/access-requests/${await freshRequest(ctx)}/grant`, { role: "lecteur" }),
    expect: MANAGERS,
  },
  {
    action: "refuser une demande d'accès",
    run: async (ctx) => ctx.client.post(`/api/access-requests/${await freshRequest(ctx)}/decline`, {}),
    expect: MANAGERS,
  },
];
