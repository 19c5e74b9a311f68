import type { MatrixContext, MatrixRow } from "../../test/matrix/matrix.js";
import { READERS as readers, EDITORS as editors, NOBODY as nobody } from "../../test/matrix/profiles.js";
import { moveAllBy } from "../workflow/test-helpers.js";

/** A document the admin creates in the space, with one named version. */
async function versionIn({ admin, spaceId }: MatrixContext) {
  const d = await admin.post(`/api/spaces/${spaceId}/documents`, { title: "Document versionné", kind: "livrable" });
  if (d.status !== 201) throw new Error(`création : ${d.status} ${JSON.stringify(d.body)}`);
  const documentId = d.body.document.id as string;
  const v = await admin.post(`/api/documents/${documentId}/versions`, { name: "Version de la matrice" });
  if (v.status !== 201) throw new Error(`version : ${v.status} ${JSON.stringify(v.body)}`);
  return { documentId, versionId: v.body.version.id as string };
}

export const rows: MatrixRow[] = [
  {
    action: "lire l'historique d'un document",
    run: async (ctx) => ctx.client.get(`/api/documents/${(await versionIn(ctx)).documentId}/versions`),
    expect: readers,
  },
  {
    action: "lire une version",
    run: async (ctx) => {
      const { documentId, versionId } = await versionIn(ctx);
      return ctx.client.get(`/api/documents/${documentId}/versions/${versionId}`);
    },
    expect: readers,
  },
  {
    action: "comparer une version au texte actuel",
    run: async (ctx) => {
      const { documentId, versionId } = await versionIn(ctx);
      return ctx.client.get(`/api/documents/${documentId}/versions/${versionId}/diff?against=current`);
    },
    expect: readers,
  },
  {
    action: "nommer l'état actuel d'un document",
    run: async (ctx) => ctx.client.post(`/api/documents/${(await versionIn(ctx)).documentId}/versions`, { name: "COPIL" }),
    expect: editors,
  },
  {
    action: "renommer une version",
    run: async (ctx) => {
      const { documentId, versionId } = await versionIn(ctx);
      return ctx.client.patch(`/api/documents/${documentId}/versions/${versionId}`, { name: "COPIL" });
    },
    expect: editors,
  },
  {
    action: "restaurer une version",
    run: async (ctx) => {
      const { documentId, versionId } = await versionIn(ctx);
      return ctx.client.post(`/api/documents/${documentId}/versions/${versionId}/restore`);
    },
    expect: editors,
  },
  // Validated means frozen: restoring would change the text that was validated.
  ...(["valide", "transmis"] as const).map((status) => ({
    action: `restaurer une version d'un document au statut ${status}`,
    run: async (ctx: MatrixContext) => {
      const { documentId, versionId } = await versionIn(ctx);
      await moveAllBy(ctx.admin, documentId, status);
      return ctx.client.post(`/api/documents/${documentId}/versions/${versionId}/restore`);
    },
    expect: nobody,
  })),
];
