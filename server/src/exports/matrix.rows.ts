import type { MatrixRow } from "../../test/matrix/matrix.js";
import { READERS as readers } from "../../test/matrix/profiles.js";
import { documentIn } from "../documents/matrix.rows.js";

// Exporting is reading: whoever reads the document may take it away as a file.
export const rows: MatrixRow[] = [
  {
    action: "exporter un document (ODT)",
    run: async (ctx) => ctx.client.get(`/api/documents/${await documentIn(ctx)}/export?format=odt`),
    expect: readers,
  },
  {
    action: "exporter un document avec ses commentaires (PDF)",
    run: async (ctx) => ctx.client.get(`/api/documents/${await documentIn(ctx)}/export?format=pdf&comments=true`),
    expect: readers,
  },
];
