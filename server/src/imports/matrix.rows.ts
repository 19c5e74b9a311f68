import type { MatrixRow } from "../../test/matrix/matrix.js";
// Importing is writing: a new document (document.create) or into one (document.editContent).
import { EDITORS as editors } from "../../test/matrix/profiles.js";
import { documentIn } from "../documents/matrix.rows.js";
import { importFile, sendFile } from "./test-helpers.js";

const MARKDOWN = "# Compte rendu importé\n\n- un point\n";

export const rows: MatrixRow[] = [
  {
    action: "importer un fichier comme nouveau document",
    run: ({ client, spaceId }) => importFile(client, spaceId, "compte-rendu.md", MARKDOWN),
    expect: editors,
  },
  {
    action: "importer un fichier dans un document ouvert",
    run: async (ctx) => sendFile(ctx.client, `/api/documents/${await documentIn(ctx)}/import-fragment`, "extrait.md", MARKDOWN),
    expect: editors,
  },
];
