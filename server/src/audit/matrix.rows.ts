import type { MatrixRow } from "../../test/matrix/matrix.js";

const adminOnly = "YYYY";
const nobody = "NNNN";

export const rows: MatrixRow[] = [
  {
    action: "lire le journal d'audit",
    run: ({ client }) => client.get("/api/audit?limit=1"),
    expect: {
      admin: adminOnly,
      national: nobody,
      pilote: nobody,
      membre: nobody,
      contributeur: nobody,
      lecteur: nobody,
      regional: "N-NN",
      stranger: nobody,
      anonymous: nobody,
    },
  },
];
