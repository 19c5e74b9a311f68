import type { MatrixRow } from "../../test/matrix/matrix.js";
import { SIGNED_IN as signedIn } from "../../test/matrix/profiles.js";

// My data: each signed-in person downloads their own, whatever the space; the id is the session's, so no one reaches another's.

export const rows: MatrixRow[] = [
  { action: "télécharger ses données", run: ({ client }) => client.get("/api/me/export"), expect: signedIn },
];
