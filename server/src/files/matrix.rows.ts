import type { MatrixContext, MatrixRow } from "../../test/matrix/matrix.js";
// Managing anyone's file is the co-writers' (partners manage only their own); the recycle bin and
// the library's kinds are the pilotes'.
import { EDITORS as managers, PILOTES as pilotes, READERS as readers, UPLOADERS as uploaders } from "../../test/matrix/profiles.js";
import { upload } from "./test-helpers.js";

/** A file an admin put in the space, for the actor to act upon. */
async function adminFile({ admin, spaceId }: MatrixContext): Promise<string> {
  const r = await upload(admin, spaceId, "etude.pdf");
  if (r.status !== 201) throw new Error(`admin upload: ${r.status}`);
  return r.body.file.id;
}

/** The actor uploads a file, then acts on it; a refused upload is the answer. */
const onOwnFile = (act: (ctx: MatrixContext, id: string) => Promise<import("../../test/harness.js").Reply>) => async (ctx: MatrixContext) => {
  const r = await upload(ctx.client, ctx.spaceId, "contribution.pdf");
  return r.status === 201 ? act(ctx, r.body.file.id) : r;
};

export const rows: MatrixRow[] = [
  {
    action: "lister les fichiers d'une bibliothèque",
    run: ({ client, spaceId }) => client.get(`/api/spaces/${spaceId}/files`),
    expect: readers,
  },
  { action: "déposer un fichier", run: ({ client, spaceId }) => upload(client, spaceId, "depot.pdf"), expect: uploaders },
  {
    action: "voir un fichier (par son identifiant, y compris d'un autre espace)",
    run: async (ctx) => ctx.client.get(`/api/files/${await adminFile(ctx)}`),
    expect: readers,
  },
  {
    action: "télécharger un fichier (par son identifiant, y compris d'un autre espace)",
    run: async (ctx) => {
      const r = await ctx.client.raw("GET", `/api/files/${await adminFile(ctx)}/download`);
      return { status: r.status, body: await r.arrayBuffer(), headers: r.headers };
    },
    expect: readers,
  },
  {
    action: "voir les versions d'un fichier",
    run: async (ctx) => ctx.client.get(`/api/files/${await adminFile(ctx)}/versions`),
    expect: readers,
  },
  {
    action: "modifier les informations d'un fichier déposé par un autre",
    run: async (ctx) => ctx.client.patch(`/api/files/${await adminFile(ctx)}`, { title: "Nouveau titre" }),
    expect: managers,
  },
  {
    action: "modifier les informations de son propre fichier",
    run: onOwnFile(({ client }, id) => client.patch(`/api/files/${id}`, { title: "Mon titre" })),
    expect: uploaders,
  },
  {
    action: "déposer une nouvelle version d'un fichier déposé par un autre",
    run: async (ctx) => {
      const res = await ctx.client.raw("POST", `/api/files/${await adminFile(ctx)}/versions?name=v2.txt`, {
        body: "deuxième version",
        headers: { "content-type": "application/octet-stream" },
      });
      return { status: res.status, body: await res.text(), headers: res.headers };
    },
    expect: managers,
  },
  {
    action: "restaurer une version antérieure d'un fichier déposé par un autre",
    run: async (ctx) => {
      const id = await adminFile(ctx);
      await ctx.admin.raw("POST", `/api/files/${id}/versions?name=v2.txt`, {
        body: "deuxième version",
        headers: { "content-type": "application/octet-stream" },
      });
      return ctx.client.post(`/api/files/${id}/versions/1/restore`);
    },
    expect: managers,
  },
  {
    action: "mettre à la corbeille un fichier déposé par un autre",
    run: async (ctx) => ctx.client.delete(`/api/files/${await adminFile(ctx)}`),
    expect: managers,
  },
  {
    action: "mettre à la corbeille son propre fichier",
    run: onOwnFile(({ client }, id) => client.delete(`/api/files/${id}`)),
    expect: uploaders,
  },
  {
    // Whoever may put a file in the bin sees it: all of it for the pilotes, what one put there for the others.
    action: "voir la corbeille d'une bibliothèque",
    run: ({ client, spaceId }) => client.get(`/api/spaces/${spaceId}/files?trash=true`),
    expect: uploaders,
  },
  {
    action: "restaurer un fichier de la corbeille",
    run: async (ctx) => {
      const id = await adminFile(ctx);
      await ctx.admin.delete(`/api/files/${id}`);
      return ctx.client.post(`/api/files/${id}/restore`);
    },
    expect: pilotes,
  },
  {
    action: "restaurer son propre fichier qu'on a mis à la corbeille",
    run: onOwnFile(async ({ client }, id) => {
      await client.delete(`/api/files/${id}`);
      return client.post(`/api/files/${id}/restore`);
    }),
    expect: uploaders,
  },
  {
    action: "restaurer un fichier déposé par un autre qu'on a mis à la corbeille",
    run: async (ctx) => {
      const id = await adminFile(ctx);
      const trashed = await ctx.client.delete(`/api/files/${id}`);
      return trashed.status === 200 ? ctx.client.post(`/api/files/${id}/restore`) : trashed;
    },
    expect: managers,
  },
  {
    action: "ajouter un type de document à une bibliothèque",
    run: ({ client, spaceId }) =>
      client.post(`/api/spaces/${spaceId}/file-kinds`, { label: `Note ${Math.random().toString(36).slice(2, 8)}` }),
    expect: pilotes,
  },
];
