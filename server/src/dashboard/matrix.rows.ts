import type { MatrixRow } from "../../test/matrix/matrix.js";

// A platform action: the same answer whatever the space.
export const rows: MatrixRow[] = [
  {
    action: "lire le tableau de bord national",
    run: ({ client }) => client.get("/api/dashboard"),
    expect: {
      admin: "YYYY",
      national: "YYYY",
      pilote: "NNNN",
      membre: "NNNN",
      contributeur: "NNNN",
      lecteur: "NNNN",
      regional: "N-NN",
      stranger: "NNNN",
      anonymous: "NNNN",
    },
  },
];
