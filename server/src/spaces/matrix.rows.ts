import type { MatrixRow } from "../../test/matrix/matrix.js";

const readers = {
  admin: "YYYY",
  national: "YYYY",
  pilote: "YYNN",
  membre: "YYNN",
  contributeur: "YYNN",
  lecteur: "YYNN",
  regional: "Y-YN",
  stranger: "NNNN",
  anonymous: "NNNN",
};

export const rows: MatrixRow[] = [
  { action: "voir un espace", run: ({ client, spaceId }) => client.get(`/api/spaces/${spaceId}`), expect: readers },
  {
    action: "voir les membres d'un espace",
    run: ({ client, spaceId }) => client.get(`/api/spaces/${spaceId}/members`),
    expect: readers,
  },
];
