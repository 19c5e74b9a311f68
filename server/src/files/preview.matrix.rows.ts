import type { MatrixRow } from "../../test/matrix/matrix.js";
import { READERS as readers } from "../../test/matrix/profiles.js";
import { upload } from "./test-helpers.js";
import { ODT_FIXTURE } from "./preview-fixtures.js";

// A preview is a way of reading the file: whoever may download it may see it.
export const rows: MatrixRow[] = [
  {
    action: "prévisualiser un fichier bureautique (ODT)",
    run: async (ctx) => {
      const r = await upload(ctx.admin, ctx.spaceId, "compte-rendu.odt", ODT_FIXTURE());
      if (r.status !== 201) throw new Error(`dépôt : ${r.status} ${JSON.stringify(r.body)}`);
      return ctx.client.get(`/api/files/${r.body.file.id}/preview`);
    },
    expect: readers,
  },
];
