import type { MatrixRow } from "../../test/matrix/matrix.js";
import { SIGNED_IN } from "../../test/matrix/profiles.js";

// Everyone signed in has a start page; what it lists is filtered space by space (home.test.ts).
export const rows: MatrixRow[] = [
  { action: "voir sa page d'accueil (Mes espaces)", run: ({ client }) => client.get("/api/me/home"), expect: SIGNED_IN },
];
