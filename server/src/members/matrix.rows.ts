/** Changing and removing members: the space's managers only. Each run works on a fresh member. */
import type { MatrixRow } from "../../test/matrix/matrix.js";
import { freshMember, MANAGERS } from "./test-helpers.js";

export const rows: MatrixRow[] = [
  {
    action: "changer le rôle d'un membre",
    run: async ({ admin, client, spaceId }) =>
      client.patch(`/api/spaces/${spaceId}/members/${await freshMember(admin, spaceId, "lecteur")}`, { role: "membre" }),
    expect: MANAGERS,
  },
  {
    action: "retirer un membre",
    run: async ({ admin, client, spaceId }) =>
      client.delete(`/api/spaces/${spaceId}/members/${await freshMember(admin, spaceId, "lecteur")}`),
    expect: MANAGERS,
  },
];
