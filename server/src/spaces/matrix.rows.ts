import type { MatrixRow } from "../../test/matrix/matrix.js";
import { READERS as readers } from "../../test/matrix/profiles.js";

export const rows: MatrixRow[] = [
  { action: "voir un espace", run: ({ client, spaceId }) => client.get(`/api/spaces/${spaceId}`), expect: readers },
  {
    action: "voir les membres d'un espace",
    run: ({ client, spaceId }) => client.get(`/api/spaces/${spaceId}/members`),
    expect: readers,
  },
];
