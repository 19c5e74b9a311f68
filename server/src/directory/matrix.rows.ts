import type { MatrixRow } from "../../test/matrix/matrix.js";
import { SIGNED_IN } from "../../test/matrix/profiles.js";
import { documentIn } from "../documents/matrix.rows.js";

// The directory names every committee to anyone signed in, whatever their spaces (directory.test.ts
// checks that nothing of a space's content is in it).
export const rows: MatrixRow[] = [
  { action: "lire l'annuaire des comités", run: ({ client }) => client.get("/api/directory"), expect: SIGNED_IN },
  {
    action: "lire la fiche d'annuaire d'un comité",
    run: ({ client, spaceId }) => client.get(`/api/directory/spaces/${spaceId}`),
    expect: SIGNED_IN,
  },
  {
    action: "savoir à quel comité appartient un document",
    run: async (ctx) => ctx.client.get(`/api/directory/documents/${await documentIn(ctx)}`),
    expect: SIGNED_IN,
  },
];
