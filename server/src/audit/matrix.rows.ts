import type { MatrixRow } from "../../test/matrix/matrix.js";
import { ADMIN_ONLY } from "../../test/matrix/profiles.js";

export const rows: MatrixRow[] = [
  { action: "lire le journal d'audit", run: ({ client }) => client.get("/api/audit?limit=1"), expect: ADMIN_ONLY },
];
