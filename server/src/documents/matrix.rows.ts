import type { MatrixContext, MatrixRow } from "../../test/matrix/matrix.js";
import { READERS as readers, EDITORS as editors, PILOTES as managers } from "../../test/matrix/profiles.js";

/** A document the admin creates in the space, optionally moved to the trash. */
export async function documentIn({ admin, spaceId }: MatrixContext, trashed = false): Promise<string> {
  const r = await admin.post(`/api/spaces/${spaceId}/documents`, { title: "Document de la matrice", kind: "livrable" });
  if (r.status !== 201) throw new Error(`création : ${r.status} ${JSON.stringify(r.body)}`);
  if (trashed) await admin.delete(`/api/documents/${r.body.document.id}`);
  return r.body.document.id;
}

export const rows: MatrixRow[] = [
  {
    action: "créer un document",
    run: ({ client, spaceId }) => client.post(`/api/spaces/${spaceId}/documents`, { title: "Nouveau", kind: "diagnostic" }),
    expect: editors,
  },
  {
    action: "lister les documents d'un espace",
    run: ({ client, spaceId }) => client.get(`/api/spaces/${spaceId}/documents`),
    expect: readers,
  },
  {
    action: "lister la corbeille d'un espace",
    run: ({ client, spaceId }) => client.get(`/api/spaces/${spaceId}/documents?trash=true`),
    expect: managers,
  },
  {
    action: "voir un document",
    run: async (ctx) => ctx.client.get(`/api/documents/${await documentIn(ctx)}`),
    expect: readers,
  },
  {
    action: "lire le contenu d'un document",
    run: async (ctx) => ctx.client.get(`/api/documents/${await documentIn(ctx)}/content?format=html`),
    expect: readers,
  },
  {
    action: "renommer un document",
    run: async (ctx) => ctx.client.patch(`/api/documents/${await documentIn(ctx)}`, { title: "Renommé" }),
    expect: editors,
  },
  {
    action: "mettre un document à la corbeille",
    run: async (ctx) => ctx.client.delete(`/api/documents/${await documentIn(ctx)}`),
    expect: editors,
  },
  {
    action: "restaurer un document",
    run: async (ctx) => ctx.client.post(`/api/documents/${await documentIn(ctx, true)}/restore`),
    expect: managers,
  },
];
