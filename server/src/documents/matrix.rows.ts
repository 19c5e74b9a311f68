import type { MatrixContext, MatrixRow } from "../../test/matrix/matrix.js";

const readers = {
  admin: "YYYY",
  national: "YYYY",
  pilote: "YYNN",
  membre: "YYNN",
  contributeur: "YYNN",
  lecteur: "YYNN",
  regional: "Y-YN",
  stranger: "NNNN",
  anonymous: "NNNN",
};

// The national team writes in the national space only; inherited readers never write.
const editors = {
  admin: "YYYY",
  national: "NNYN",
  pilote: "YNNN",
  membre: "YNNN",
  contributeur: "NNNN",
  lecteur: "NNNN",
  regional: "Y-NN",
  stranger: "NNNN",
  anonymous: "NNNN",
};

const managers = {
  admin: "YYYY",
  national: "NNNN",
  pilote: "YNNN",
  membre: "NNNN",
  contributeur: "NNNN",
  lecteur: "NNNN",
  regional: "N-NN",
  stranger: "NNNN",
  anonymous: "NNNN",
};

/** A document the admin creates in the space, optionally moved to the trash. */
async function documentIn({ admin, spaceId }: MatrixContext, trashed = false): Promise<string> {
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
