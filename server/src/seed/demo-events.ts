/**
 * Demo events, on a fresh demo install only: the Grand-Sud assises ahead with registration open, and
 * a Corse COPIL opened to the public a fortnight ago, so the public home, the list, an event's page,
 * its calendar and the registration form have something to show. Dates follow the day of install.
 */
import type { Services } from "../context.js";
import { createEvent } from "../agenda/queries.js";

const DAY = 24 * 3600 * 1000;
/** "YYYY-MM-DD" this many days from today: events are written in their own time zone's wall time. */
const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);

export async function seedDemoEvents(s: Services): Promise<void> {
  const rows = await s.db.query<{ slug: string; space_id: string; user_id: string }>(
    `SELECT s.slug, s.id AS space_id, u.id AS user_id FROM spaces s, users u
      WHERE (s.slug, u.email) IN (('grand-sud', 'pilote.grand-sud@atelier.test'), ('corse', 'membre.corse@atelier.test'))`,
  );
  const of = new Map(rows.map((r) => [r.slug, r]));
  const grandSud = of.get("grand-sud");
  const corse = of.get("corse");
  if (!grandSud || !corse) return;
  const assises = day(21);
  await createEvent(s.db, grandSud.space_id, grandSud.user_id, {
    kind: "assises-interregionales",
    title: "Assises interrégionales Grand-Sud : la place des usagers",
    summary: "Une journée pour partager les diagnostics des régions du Grand-Sud et les pratiques inspirantes repérées.",
    programme:
      "9 h 30 — Accueil\n10 h — Restitution des diagnostics régionaux\n11 h 30 — Ateliers : la participation des personnes accompagnées\n14 h — Table ronde des pratiques inspirantes\n16 h 30 — Conclusions",
    startsAt: `${assises}T09:30`,
    endsAt: `${assises}T17:00`,
    timeZone: "Europe/Paris",
    place: "Hôtel de Région",
    address: "22 boulevard du Maréchal-Juin, 31400 Toulouse",
    themes: ["place-des-usagers"],
    published: true,
    registrationOpen: true,
    capacity: 150,
  });
  const copil = day(-14);
  await createEvent(s.db, corse.space_id, corse.user_id, {
    kind: "copil-public",
    title: "COPIL régional Corse ouvert au public",
    summary: "Le comité de pilotage régional présente sa démarche et sa méthode, et recueille la parole des participants.",
    programme: "14 h — Présentation de la démarche\n15 h — Échanges avec la salle",
    startsAt: `${copil}T14:00`,
    endsAt: `${copil}T17:00`,
    timeZone: "Europe/Paris",
    place: "Préfecture de Corse",
    address: "Palais Lantivy, 20000 Ajaccio",
    themes: [],
    published: true,
    registrationOpen: false,
    capacity: null,
  });
}
