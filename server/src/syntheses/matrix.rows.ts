import type { MatrixContext, MatrixRow } from "../../test/matrix/matrix.js";
import { spaceId } from "../../test/harness.js";

/**
 * A synthèse is always written in the national space, from documents of the space at hand: those
 * who write there (admins, the national team) and read the source may build it. The parent space of
 * the territorial roles is the national space itself, whose documents are never sources ("-").
 */
const NATIONAL_WRITERS_READING_SOURCE: MatrixRow["expect"] = {
  admin: "YY-Y",
  national: "YY-Y",
  pilote: "NN-N",
  membre: "NN-N",
  contributeur: "NN-N",
  lecteur: "NN-N",
  regional: "N-NN",
  stranger: "NN-N",
  anonymous: "NN-N",
};

/** Those who read the national space: its writers, and admins. */
const NATIONAL_READERS: MatrixRow["expect"] = NATIONAL_WRITERS_READING_SOURCE;

async function sourceIn({ admin, spaceId: space }: MatrixContext) {
  const d = await admin.post(`/api/spaces/${space}/documents`, { title: "Livrable de la matrice", kind: "livrable" });
  if (d.status !== 201) throw new Error(`création : ${d.status} ${JSON.stringify(d.body)}`);
  return d.body.document.id as string;
}

/** A synthèse the admin builds in the national space from a document of the space at hand. */
async function synthesisOf(ctx: MatrixContext) {
  const source = await sourceIn(ctx);
  const national = await spaceId(ctx.server, "copil-national");
  const r = await ctx.admin.post(`/api/spaces/${national}/syntheses`, { title: "Synthèse de la matrice", sources: [source] });
  if (r.status !== 201) throw new Error(`synthèse : ${r.status} ${JSON.stringify(r.body)}`);
  return { synthesis: r.body.id as string, source };
}

export const rows: MatrixRow[] = [
  {
    action: "créer une synthèse nationale d'un document de l'espace",
    run: async (ctx) => {
      const source = await sourceIn(ctx);
      const national = await spaceId(ctx.server, "copil-national");
      return ctx.client.post(`/api/spaces/${national}/syntheses`, { title: "Synthèse", sources: [source] });
    },
    expect: NATIONAL_WRITERS_READING_SOURCE,
  },
  {
    action: "lire les sources d'une synthèse nationale",
    run: async (ctx) => ctx.client.get(`/api/documents/${(await synthesisOf(ctx)).synthesis}/synthesis`),
    expect: NATIONAL_READERS,
  },
  {
    action: "ajouter une source à une synthèse nationale",
    run: async (ctx) => {
      const { synthesis } = await synthesisOf(ctx);
      return ctx.client.post(`/api/documents/${synthesis}/synthesis/sources`, { documentId: await sourceIn(ctx) });
    },
    expect: NATIONAL_WRITERS_READING_SOURCE,
  },
  {
    action: "actualiser une source d'une synthèse nationale",
    run: async (ctx) => {
      const { synthesis, source } = await synthesisOf(ctx);
      return ctx.client.post(`/api/documents/${synthesis}/synthesis/sources/${source}/refresh`);
    },
    expect: NATIONAL_WRITERS_READING_SOURCE,
  },
];
