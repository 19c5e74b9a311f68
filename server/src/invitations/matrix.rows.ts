/** Invitations into a space: its managers only. Each run invites a new address. */
import type { MatrixRow } from "../../test/matrix/matrix.js";
import { freshEmail, MANAGERS, prepared } from "../members/test-helpers.js";

export const rows: MatrixRow[] = [
  {
    action: "inviter quelqu'un dans un espace",
    run: ({ client, spaceId }) =>
      client.post(`/api/spaces/${spaceId}/invitations`, { email: freshEmail("matrice"), role: "lecteur" }),
    expect: MANAGERS,
  },
  {
    action: "voir les invitations en attente d'un espace",
    run: ({ client, spaceId }) => client.get(`/api/spaces/${spaceId}/invitations`),
    expect: MANAGERS,
  },
  {
    action: "annuler une invitation",
    run: async ({ admin, client, spaceId }) => {
      const email = freshEmail("matrice");
      await prepared(admin.post(`/api/spaces/${spaceId}/invitations`, { email, role: "lecteur" }));
      const { invitations } = await prepared(admin.get(`/api/spaces/${spaceId}/invitations`));
      const id = invitations.find((i: { email: string }) => i.email === email).id;
      return client.delete(`/api/spaces/${spaceId}/invitations/${id}`);
    },
    expect: MANAGERS,
  },
];
