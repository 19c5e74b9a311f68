import type { MatrixRow } from "../../test/matrix/matrix.js";
import { READERS } from "../../test/matrix/profiles.js";

export const rows: MatrixRow[] = [
  {
    action: "voir l'activité récente d'un espace",
    run: ({ client, spaceId }) => client.get(`/api/spaces/${spaceId}/activity`),
    expect: READERS,
  },
];
