import type { MatrixRow } from "../../test/matrix/matrix.js";
import { SIGNED_IN as signedIn } from "../../test/matrix/profiles.js";

// One's own account: anyone signed in, whatever the space.

export const rows: MatrixRow[] = [
  { action: "lire son compte", run: ({ client }) => client.get("/api/me"), expect: signedIn },
  { action: "choisir son fuseau horaire", run: ({ client }) => client.put("/api/me/time-zone", { timeZone: "America/Martinique" }), expect: signedIn },
];
