import type { MatrixRow } from "../../test/matrix/matrix.js";
import { SIGNED_IN as signedIn } from "../../test/matrix/profiles.js";

// Each person reads only their own notifications: anyone signed in, whatever the space.

export const rows: MatrixRow[] = [
  { action: "lire ses notifications", run: ({ client }) => client.get("/api/notifications"), expect: signedIn },
  { action: "marquer ses notifications comme lues", run: ({ client }) => client.post("/api/notifications/read", { all: true }), expect: signedIn },
  { action: "lire ses préférences de notification", run: ({ client }) => client.get("/api/me/notification-preferences"), expect: signedIn },
];
