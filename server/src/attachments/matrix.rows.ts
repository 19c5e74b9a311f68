import type { MatrixContext, MatrixRow } from "../../test/matrix/matrix.js";
// Attaching is writing the document: co-writers only. Reading follows the attachment's own space.
import { EDITORS as editors, NOBODY as nobody, READERS as readers } from "../../test/matrix/profiles.js";
import { moveAllBy } from "../workflow/test-helpers.js";
import { attach, createDocument } from "./test-helpers.js";

/** An image an admin attached to a document of the space. */
async function adminAttachment({ admin, spaceId }: MatrixContext): Promise<string> {
  const r = await attach(admin, await createDocument(admin, spaceId), "schema.png");
  if (r.status !== 201) throw new Error(`admin attach: ${r.status}`);
  return r.body.url;
}

export const rows: MatrixRow[] = [
  {
    action: "joindre une image à un document",
    run: async (ctx) => attach(ctx.client, await createDocument(ctx.admin, ctx.spaceId), "photo.png"),
    expect: editors,
  },
  {
    action: "voir une pièce jointe (par son adresse, y compris d'un autre espace)",
    run: async (ctx) => {
      const r = await ctx.client.raw("GET", await adminAttachment(ctx));
      return { status: r.status, body: await r.arrayBuffer(), headers: r.headers };
    },
    expect: readers,
  },
  // An image goes into the text: a frozen text takes none.
  ...(["valide", "transmis"] as const).map((status) => ({
    action: `joindre une image à un document au statut ${status}`,
    run: async (ctx: MatrixContext) => {
      const id = await createDocument(ctx.admin, ctx.spaceId);
      await moveAllBy(ctx.admin, id, status);
      return attach(ctx.client, id, "photo.png");
    },
    expect: nobody,
  })),
];
