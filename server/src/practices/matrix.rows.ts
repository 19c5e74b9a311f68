import type { PracticeProposalForm } from "@atelier/shared";
import type { MatrixContext, MatrixRow } from "../../test/matrix/matrix.js";
import { EVERYONE, NOBODY_PUBLIC, PILOTES, READERS } from "../../test/matrix/profiles.js";
import { attach } from "../attachments/test-helpers.js";
import { createDocument } from "../documents/queries.js";
import { placeImages } from "../public-site/test-helpers.js";
import { proposalContent } from "./fiche.js";
import { confirmProposal, insertProposal, proposalByToken } from "./queries.js";

const FORM: PracticeProposalForm = {
  projet: "Pratique de la matrice",
  territoire: "grand-sud",
  etablissement: "Centre social",
  public: "Familles",
  description: "Un accueil sans rendez-vous.",
  conditions: "",
  difficultes: "",
  acteurs: "",
  resultats: "",
  criteres: "",
  accord: "oui",
  contact_nom: "Alex Auteur",
  contact_email: "auteur@exemple.fr",
  contact_fonction: "",
  commentaires: "",
};

/** A fiche pratique written in the space (as if co-written there), its consent field saying oui. */
async function fiche({ server, spaceId }: MatrixContext) {
  const [admin] = await server.services.db.query<{ id: string }>("SELECT id FROM users WHERE email = 'admin@atelier.test'");
  const title = `Fiche de la matrice ${crypto.randomUUID().slice(0, 8)}`;
  const row = await createDocument(server.services, { spaceId, title, kind: "fiche-pratique", themes: [], userId: admin!.id, content: proposalContent({ ...FORM, projet: title }) });
  return { id: row.id, title };
}

/** A fiche an admin published from the space (this one when given). */
async function published(ctx: MatrixContext & { fiche?: { id: string; title: string } }) {
  const f = ctx.fiche ?? (await fiche(ctx));
  const r = await ctx.admin.post(`/api/documents/${f.id}/publication`);
  if (r.status !== 200) throw new Error(`publish: ${r.status} ${JSON.stringify(r.body)}`);
  return { ...f, url: r.body.publication.url as string };
}

/**
 * A fiche an admin published with an image in its description (`shown`: false, attached to it but
 * not in its text; `of`: "other", the image in its text being another document's attachment).
 */
async function illustrated(ctx: MatrixContext, opts: { shown?: boolean; of?: "other" } = {}) {
  const f = await fiche(ctx);
  const owner = opts.of === "other" ? (await fiche(ctx)).id : f.id;
  const r = await attach(ctx.admin, owner, "schema.png");
  if (r.status !== 201) throw new Error(`attach: ${r.status}`);
  if (opts.shown !== false) await ctx.server.services.content.edit(f.id, null, (doc) => placeImages(doc, [r.body.url], "Description du projet"));
  const p = await published({ ...ctx, fiche: f });
  return { ...p, image: `${p.url}/images/${r.body.id}` };
}

const image = async (ctx: MatrixContext, url: string) => {
  const r = await ctx.client.raw("GET", url);
  return { status: r.status, body: await r.arrayBuffer(), headers: r.headers };
};

/** A confirmed proposal waiting in the space's queue (as the public form and its mailed link leave it). */
async function proposal({ server, spaceId }: MatrixContext) {
  const token = await insertProposal(server.services.db, spaceId, FORM);
  const p = (await proposalByToken(server.services.db, token))!;
  await confirmProposal(server.services.db, p.id);
  return p.id;
}

export const rows: MatrixRow[] = [
  { action: "voir si une fiche pratique est publiée", run: async (ctx) => ctx.client.get(`/api/documents/${(await fiche(ctx)).id}/publication`), expect: READERS },
  { action: "publier une fiche pratique sur le site", run: async (ctx) => ctx.client.post(`/api/documents/${(await fiche(ctx)).id}/publication`), expect: PILOTES },
  { action: "retirer une fiche pratique du site", run: async (ctx) => ctx.client.delete(`/api/documents/${(await published(ctx)).id}/publication`), expect: PILOTES },
  { action: "lister les propositions de pratiques (modération)", run: ({ client, spaceId }) => client.get(`/api/spaces/${spaceId}/practice-proposals`), expect: PILOTES },
  { action: "retenir une proposition de pratique", run: async (ctx) => ctx.client.post(`/api/practice-proposals/${await proposal(ctx)}/accept`), expect: PILOTES },
  {
    action: "refuser une proposition de pratique",
    run: async (ctx) => ctx.client.post(`/api/practice-proposals/${await proposal(ctx)}/refuse`, { reason: "Hors du champ des États généraux." }),
    expect: PILOTES,
  },
  { action: "voir une pratique publiée (visiteur)", run: async (ctx) => ctx.client.get((await published(ctx)).url), expect: EVERYONE },
  {
    action: "voir une fiche pratique non publiée (page publique)",
    run: async (ctx) => {
      const f = await published(ctx);
      await ctx.admin.delete(`/api/documents/${f.id}/publication`);
      return ctx.client.get(f.url);
    },
    expect: NOBODY_PUBLIC,
    refusedAs: 404,
  },
  { action: "voir une image d'une pratique publiée (visiteur)", run: async (ctx) => image(ctx, (await illustrated(ctx)).image), expect: EVERYONE },
  {
    action: "voir une image d'une pratique retirée du site",
    run: async (ctx) => {
      const p = await illustrated(ctx);
      await ctx.admin.delete(`/api/documents/${p.id}/publication`);
      return image(ctx, p.image);
    },
    expect: NOBODY_PUBLIC,
    refusedAs: 404,
  },
  {
    action: "voir une pièce jointe qu'une pratique publiée ne montre pas",
    run: async (ctx) => image(ctx, (await illustrated(ctx, { shown: false })).image),
    expect: NOBODY_PUBLIC,
    refusedAs: 404,
  },
  {
    action: "voir par une pratique publiée l'image d'un autre document",
    run: async (ctx) => image(ctx, (await illustrated(ctx, { of: "other" })).image),
    expect: NOBODY_PUBLIC,
    refusedAs: 404,
  },
  { action: "ouvrir le formulaire « Proposer une pratique »", run: ({ client }) => client.get("/pratiques-inspirantes/proposer"), expect: EVERYONE },
];
