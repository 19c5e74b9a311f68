import type { DocumentStatus } from "@atelier/shared";
import type { MatrixContext, MatrixRow } from "../../test/matrix/matrix.js";
import { READERS as readers, EDITORS as editors, PILOTES as pilotes } from "../../test/matrix/profiles.js";
import { moveAllBy } from "./test-helpers.js";

// Sending back is the reviewers' act: not in the national space, where the national team writes.
const reviewers = {
  admin: "YYYY",
  national: "YYNY",
  pilote: "NNNN",
  membre: "NNNN",
  contributeur: "NNNN",
  lecteur: "NNNN",
  regional: "N-NN",
  stranger: "NNNN",
  anonymous: "NNNN",
};

/** A livrable the admin creates in the space and moves to `status`. */
async function livrableAt({ admin, spaceId }: MatrixContext, status: DocumentStatus): Promise<string> {
  const r = await admin.post(`/api/spaces/${spaceId}/documents`, { title: "Livrable de la matrice", kind: "livrable" });
  if (r.status !== 201) throw new Error(`création : ${r.status} ${JSON.stringify(r.body)}`);
  const id = r.body.document.id as string;
  await moveAllBy(admin, id, status);
  return id;
}

const move = (from: DocumentStatus, to: DocumentStatus) => async (ctx: MatrixContext) =>
  ctx.client.post(`/api/documents/${await livrableAt(ctx, from)}/status`, { to, comment: "Motif" });

export const rows: MatrixRow[] = [
  {
    action: "voir le statut et l'historique d'un document",
    run: async (ctx) => ctx.client.get(`/api/documents/${await livrableAt(ctx, "brouillon")}/status`),
    expect: readers,
  },
  { action: "soumettre un document à la relecture", run: move("brouillon", "en-relecture"), expect: editors },
  { action: "valider un document", run: move("en-relecture", "valide"), expect: pilotes },
  { action: "transmettre un document au national", run: move("valide", "transmis"), expect: pilotes },
  { action: "demander des modifications", run: move("transmis", "modifications-demandees"), expect: reviewers },
  { action: "rouvrir un document validé (avec un motif)", run: move("valide", "brouillon"), expect: pilotes },
];
