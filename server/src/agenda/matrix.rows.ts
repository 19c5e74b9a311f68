import type { MatrixContext, MatrixRow } from "../../test/matrix/matrix.js";
import { EVERYONE, NOBODY_PUBLIC, PILOTES } from "../../test/matrix/profiles.js";
import { attach } from "../attachments/test-helpers.js";
import { upload } from "../files/test-helpers.js";
import { placeImages } from "../public-site/test-helpers.js";

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

/** A file of the space's library, attached by an admin to an event (published or not) when asked. */
async function adminDocument(ctx: MatrixContext, opts: { published: boolean; attached: boolean }) {
  const event = await adminEvent(ctx, opts.published);
  const r = await upload(ctx.admin, ctx.spaceId, "programme.pdf");
  if (r.status !== 201) throw new Error(`admin upload: ${r.status}`);
  const fileId = r.body.file.id as string;
  if (opts.attached && (await ctx.admin.post(`/api/events/${event.id}/documents`, { fileId })).status !== 201) throw new Error("admin attach");
  return { event, fileId, url: `${event.url}/documents/${fileId}` };
}

/** An event over, and a compte rendu document of the space with an image, prepared by an admin (published as the event's compte rendu when asked). */
async function adminReport(ctx: MatrixContext, opts: { published: boolean; linked: boolean }) {
  const r = await ctx.admin.post(`/api/spaces/${ctx.spaceId}/events`, { ...EVENT, startsAt: "2026-01-12T14:00", endsAt: "2026-01-12T17:00", published: opts.published });
  if (r.status !== 201) throw new Error(`admin event: ${r.status}`);
  const event = r.body.event as { id: string; url: string };
  const d = await ctx.admin.post(`/api/spaces/${ctx.spaceId}/documents`, { title: "Compte rendu de la matrice", kind: "compte-rendu" });
  const documentId = d.body.document.id as string;
  const image = await attach(ctx.admin, documentId, "salle.png");
  await ctx.server.services.content.edit(documentId, null, (doc) => placeImages(doc, [image.body.url]));
  if (opts.linked && (await ctx.admin.put(`/api/events/${event.id}/report`, { documentId })).status !== 200) throw new Error("admin report");
  return { event, documentId, image: `${event.url}/images/${image.body.id}` };
}

const download = async (ctx: MatrixContext, url: string) => {
  const r = await ctx.client.raw("GET", url);
  return { status: r.status, body: await r.text(), headers: r.headers };
};

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
  {
    action: "écrire aux inscrits d'un événement",
    run: async (ctx) => {
      const e = await adminEvent(ctx, true);
      // Someone registered: prepared in the database, the public form being rate-limited per address.
      await ctx.server.services.db.query(
        `INSERT INTO agenda_registrations (id, event_id, name, actor_group, email, token_hash, confirmed_at)
         VALUES ($1, $2, 'Inscrit', 'Bénévoles', 'inscrit@exemple.fr', $3, now())`,
        [crypto.randomUUID(), e.id, crypto.randomUUID()],
      );
      return ctx.client.post(`/api/events/${e.id}/registrants/mail`, { subject: "Informations pratiques", message: "Rendez-vous à 9 h." });
    },
    expect: organisers,
  },
  { action: "lister les documents d'un événement", run: async (ctx) => ctx.client.get(`/api/events/${(await adminEvent(ctx, true)).id}/documents`), expect: organisers },
  {
    action: "joindre un fichier de la bibliothèque à un événement",
    run: async (ctx) => {
      const { event, fileId } = await adminDocument(ctx, { published: true, attached: false });
      return ctx.client.post(`/api/events/${event.id}/documents`, { fileId });
    },
    expect: organisers,
  },
  {
    action: "retirer un document d'un événement",
    run: async (ctx) => {
      const { event, fileId } = await adminDocument(ctx, { published: true, attached: true });
      return ctx.client.delete(`/api/events/${event.id}/documents/${fileId}`);
    },
    expect: organisers,
  },
  { action: "télécharger un document d'un événement publié (visiteur)", run: async (ctx) => download(ctx, (await adminDocument(ctx, { published: true, attached: true })).url), expect: EVERYONE },
  {
    action: "télécharger un fichier qu'aucun événement publié ne joint (visiteur)",
    run: async (ctx) => download(ctx, (await adminDocument(ctx, { published: true, attached: false })).url),
    expect: NOBODY_PUBLIC,
    refusedAs: 404,
  },
  {
    action: "télécharger un document d'un événement non publié (visiteur)",
    run: async (ctx) => download(ctx, (await adminDocument(ctx, { published: false, attached: true })).url),
    expect: NOBODY_PUBLIC,
    refusedAs: 404,
  },
  {
    action: "publier un document comme compte rendu d'un événement",
    run: async (ctx) => {
      const { event, documentId } = await adminReport(ctx, { published: true, linked: false });
      return ctx.client.put(`/api/events/${event.id}/report`, { documentId });
    },
    expect: organisers,
  },
  { action: "voir le compte rendu d'un événement (espace de travail)", run: async (ctx) => ctx.client.get(`/api/events/${(await adminReport(ctx, { published: true, linked: true })).event.id}/report`), expect: organisers },
  { action: "retirer le compte rendu d'un événement", run: async (ctx) => ctx.client.delete(`/api/events/${(await adminReport(ctx, { published: true, linked: true })).event.id}/report`), expect: organisers },
  { action: "voir une image du compte rendu d'un événement publié (visiteur)", run: async (ctx) => download(ctx, (await adminReport(ctx, { published: true, linked: true })).image), expect: EVERYONE },
  {
    action: "voir une image du compte rendu d'un événement non publié",
    run: async (ctx) => download(ctx, (await adminReport(ctx, { published: false, linked: true })).image),
    expect: NOBODY_PUBLIC,
    refusedAs: 404,
  },
  { action: "voir l'accueil du site public (visiteur)", run: ({ client }) => client.get("/"), expect: EVERYONE },
  { action: "voir un événement publié (visiteur)", run: async (ctx) => ctx.client.get((await adminEvent(ctx, true)).url), expect: EVERYONE },
  { action: "voir un événement non publié (page publique)", run: async (ctx) => ctx.client.get((await adminEvent(ctx, false)).url), expect: NOBODY_PUBLIC, refusedAs: 404 },
  { action: "télécharger l'.ics d'un événement non publié", run: async (ctx) => ctx.client.get(`${(await adminEvent(ctx, false)).url}.ics`), expect: NOBODY_PUBLIC, refusedAs: 404 },
];
