import type { MatrixContext, MatrixRow } from "../../test/matrix/matrix.js";
import { EVERYONE, NOBODY_PUBLIC, PILOTES } from "../../test/matrix/profiles.js";

// A committee's events are prepared by its pilotes and by the national team, which reviews every
// committee but the national one (where it is a membre); published, they are everyone's.
const organisers = { ...PILOTES, national: "YYNY" };

const EVENT = {
  kind: "evenement-regional",
  title: "Rencontre de la matrice",
  startsAt: "2027-03-01T14:00",
  endsAt: "2027-03-01T17:00",
  place: "Mairie",
  address: "1 place de la Mairie",
};

/** An event an admin prepared in the space. */
async function adminEvent({ admin, spaceId }: MatrixContext, published: boolean) {
  const r = await admin.post(`/api/spaces/${spaceId}/events`, { ...EVENT, published });
  if (r.status !== 201) throw new Error(`admin event: ${r.status}`);
  return r.body.event as { id: string; url: string };
}

export const rows: MatrixRow[] = [
  { action: "lister les événements d'un comité (espace de travail)", run: ({ client, spaceId }) => client.get(`/api/spaces/${spaceId}/events`), expect: organisers },
  { action: "créer un événement public", run: ({ client, spaceId }) => client.post(`/api/spaces/${spaceId}/events`, EVENT), expect: organisers },
  {
    action: "modifier un événement public",
    run: async (ctx) => ctx.client.patch(`/api/events/${(await adminEvent(ctx, false)).id}`, { ...EVENT, title: "Nouveau titre" }),
    expect: organisers,
  },
  { action: "annuler un événement public", run: async (ctx) => ctx.client.post(`/api/events/${(await adminEvent(ctx, true)).id}/cancel`), expect: organisers },
  {
    action: "exporter les inscrits d'un événement (CSV)",
    run: async (ctx) => {
      const r = await ctx.client.raw("GET", `/api/events/${(await adminEvent(ctx, true)).id}/registrations.csv`);
      return { status: r.status, body: await r.text(), headers: r.headers };
    },
    expect: organisers,
  },
  { action: "voir l'accueil du site public (visiteur)", run: ({ client }) => client.get("/"), expect: EVERYONE },
  { action: "voir un événement publié (visiteur)", run: async (ctx) => ctx.client.get((await adminEvent(ctx, true)).url), expect: EVERYONE },
  { action: "voir un événement non publié (page publique)", run: async (ctx) => ctx.client.get((await adminEvent(ctx, false)).url), expect: NOBODY_PUBLIC, refusedAs: 404 },
  { action: "télécharger l'.ics d'un événement non publié", run: async (ctx) => ctx.client.get(`${(await adminEvent(ctx, false)).url}.ics`), expect: NOBODY_PUBLIC, refusedAs: 404 },
];
