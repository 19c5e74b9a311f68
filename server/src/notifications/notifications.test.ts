import { formatDateTime, type NotificationsReply } from "@atelier/shared";
import { beforeAll, describe, expect, it } from "vitest";
import { spaceId, startTestServer, type Client, type TestServer } from "../../test/harness.js";
import { mailsTo } from "../mail/test-outbox.js";
import { documentAt, MEMBRE, NATIONAL, newDocument, PILOTE } from "../workflow/test-helpers.js";
import { notify, sendDigests } from "./notify.js";

const LECTEUR = "lecteur.grand-sud@atelier.test";
const PARTENAIRE = "partenaire@atelier.test";
const OUTSIDER = "pilote.sud-ouest@atelier.test";

let server: TestServer;
const clients = new Map<string, Client>();
const as = async (email: string) => {
  if (!clients.has(email)) clients.set(email, await server.as(email));
  return clients.get(email)!;
};
const userId = async (email: string) =>
  (await server.services.db.query<{ id: string }>("SELECT id FROM users WHERE email = $1", [email]))[0]!.id;
const bell = async (email: string) => (await (await as(email)).get("/api/notifications")).body as NotificationsReply;
const mentionsOf = async (email: string, documentId: string) =>
  (await bell(email)).notifications.filter((n) => n.documentId === documentId);

beforeAll(async () => {
  server = await startTestServer();
});

describe("notifications of a status change", () => {
  it("tell the space's members in the bell, not the person who acted nor anyone outside", async () => {
    const id = await documentAt(server, "en-relecture", { title: "Livrable à relire" });
    for (const email of [PILOTE, LECTEUR, PARTENAIRE]) {
      const [n, ...more] = await mentionsOf(email, id);
      expect(more, email).toHaveLength(0);
      expect(n).toMatchObject({
        kind: "status",
        summary: "Livrable « Livrable à relire » : Marie Membre l'a passé au statut « En relecture ».",
        link: `/documents/${id}`,
        actor: { name: "Marie Membre" },
        readAt: null,
      });
    }
    expect(await mentionsOf(MEMBRE, id)).toHaveLength(0);
    expect(await mentionsOf(OUTSIDER, id)).toHaveLength(0);
    expect(await mentionsOf(NATIONAL, id)).toHaveLength(0);
  });

  it("count the unread ones and mark one or all read", async () => {
    const a = await documentAt(server, "en-relecture");
    await documentAt(server, "en-relecture");
    const lecteur = await as(LECTEUR);
    const before = await bell(LECTEUR);
    expect(before.unread).toBeGreaterThanOrEqual(2);
    const one = (await mentionsOf(LECTEUR, a))[0]!;
    const r = await lecteur.post("/api/notifications/read", { id: one.id });
    expect(r.status).toBe(200);
    expect(r.body.unread).toBe(before.unread - 1);
    expect((await mentionsOf(LECTEUR, a))[0]!.readAt).not.toBeNull();
    expect((await lecteur.get("/api/notifications?unread=true")).body.notifications.map((n: { id: string }) => n.id)).not.toContain(one.id);
    // Someone else's notification is not found, and stays unread.
    const pilotes = (await mentionsOf(PILOTE, a))[0]!;
    expect((await lecteur.post("/api/notifications/read", { id: pilotes.id })).status).toBe(404);
    expect((await mentionsOf(PILOTE, a))[0]!.readAt).toBeNull();
    expect((await lecteur.post("/api/notifications/read", { all: true })).body.unread).toBe(0);
    expect((await bell(LECTEUR)).unread).toBe(0);
    expect((await lecteur.post("/api/notifications/read", { id: "pas-un-id" })).status).toBe(400);
  });
});

describe("never telling anyone about a document they cannot read", () => {
  it("drops the recipients who cannot read it, and tells nobody of a document in the trash", async () => {
    const id = await newDocument(server, { title: "Diagnostic confidentiel" });
    const grandSud = await spaceId(server, "grand-sud");
    const recipients = await Promise.all([PILOTE, OUTSIDER, NATIONAL, "membre.corse@atelier.test", "nouveau@atelier.test"].map(userId));
    const told = await server.services.db.tx((q) =>
      notify(server.services, q, {
        kind: "mention",
        recipients,
        documentId: id,
        spaceId: grandSud,
        actor: { id: recipients[0]! },
        summary: "Paul Pilote vous a mentionné dans « Diagnostic confidentiel ».",
      }),
    );
    // The pilote acted; the national team and the regional member (a neighbour COPIL) read Grand-Sud.
    expect(told.sort()).toEqual([recipients[2]!, recipients[3]!].sort());
    expect(await mentionsOf(OUTSIDER, id)).toHaveLength(0);
    expect(await mentionsOf("nouveau@atelier.test", id)).toHaveLength(0);
    expect(await mailsTo(server, OUTSIDER)).toHaveLength(0);

    await (await as(MEMBRE)).delete(`/api/documents/${id}`);
    const none = await server.services.db.tx((q) =>
      notify(server.services, q, { kind: "comment", recipients, documentId: id, spaceId: grandSud, actor: null, summary: "x" }),
    );
    expect(none).toEqual([]);
  });

  it("hides from the bell and the digest what was said of a space one has left", async () => {
    const leaver = "membre.sud-ouest@atelier.test";
    const sudOuest = await spaceId(server, "sud-ouest");
    const id = await newDocument(server, { title: "Livrable Sud-Ouest", space: "sud-ouest", by: OUTSIDER });
    await (await as(OUTSIDER)).post(`/api/documents/${id}/status`, { to: "en-relecture" });
    expect(await mentionsOf(leaver, id)).toHaveLength(1);
    await server.services.db.query("DELETE FROM memberships WHERE space_id = $1 AND user_id = $2", [sudOuest, await userId(leaver)]);
    expect(await mentionsOf(leaver, id)).toHaveLength(0);
    expect((await bell(leaver)).unread).toBe(0);
    await sendDigests(server.services);
    expect(await mailsTo(server, leaver)).toHaveLength(0);
  });
});

describe("preferences", () => {
  it("default to immediate mails for mentions and replies, the digest for the rest", async () => {
    const r = await (await as(MEMBRE)).get("/api/me/notification-preferences");
    expect(r.body.preferences).toEqual({ mention: "immediate", reply: "immediate", comment: "digest", status: "digest" });
  });

  it("refuse an unknown mode or a missing kind", async () => {
    const membre = await as(MEMBRE);
    const bad = await membre.put("/api/me/notification-preferences", { mention: "parfois", reply: "none", comment: "none", status: "none" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain("Mention : valeur inconnue.");
    expect((await membre.put("/api/me/notification-preferences", { mention: "none" })).status).toBe(400);
    expect((await membre.get("/api/me/notification-preferences")).body.preferences.mention).toBe("immediate");
  });

  it("are respected: a mail at once, in the daily digest, or none", async () => {
    const set = async (email: string, status: string) => {
      const r = await (await as(email)).put("/api/me/notification-preferences", {
        mention: "immediate",
        reply: "immediate",
        comment: "digest",
        status,
      });
      expect(r.status).toBe(200);
      expect(r.body.preferences.status).toBe(status);
    };
    await set(PILOTE, "immediate");
    await set(PARTENAIRE, "none");
    // Mails word times in each recipient's zone: the lecteur follows La Réunion.
    expect((await (await as(LECTEUR)).put("/api/me/time-zone", { timeZone: "Indian/Reunion" })).status).toBe(200);
    // The lecteur keeps the default: the digest. What was sent before is out of the way.
    await sendDigests(server.services);
    const count = async (email: string) => (await mailsTo(server, email)).length;
    const before = { pilote: await count(PILOTE), lecteur: await count(LECTEUR), partenaire: await count(PARTENAIRE) };

    const id = await documentAt(server, "en-relecture", { title: "Livrable du 4 décembre" });
    const pilotes = await mailsTo(server, PILOTE);
    expect(pilotes).toHaveLength(before.pilote + 1);
    expect(pilotes.at(-1)!.subject).toBe("Livrable « Livrable du 4 décembre » : Marie Membre l'a passé au statut « En relecture ».");
    expect(pilotes.at(-1)!.text).toContain(`/documents/${id}`);
    expect(await count(LECTEUR)).toBe(before.lecteur);
    expect(await count(PARTENAIRE)).toBe(before.partenaire);

    // The digest went out today already: tomorrow's brings the new entry.
    expect(await sendDigests(server.services)).toBe(0);
    const tomorrow = new Date(Date.now() + 24 * 3600 * 1000);
    expect(await sendDigests(server.services, tomorrow)).toBeGreaterThan(0);
    const digest = (await mailsTo(server, LECTEUR)).at(-1)!;
    expect(await count(LECTEUR)).toBe(before.lecteur + 1);
    expect(digest.subject).toMatch(/^Atelier : \d+ nouveautés? aujourd'hui$/);
    expect(digest.text).toContain("« Livrable du 4 décembre »");
    const [entry] = await server.services.db.query<{ created_at: Date }>(
      "SELECT n.created_at FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.email = $1 AND n.document_id = $2",
      [LECTEUR, id],
    );
    expect(digest.text).toContain(`le ${formatDateTime(entry!.created_at, "Indian/Reunion")} : `);
    expect(pilotes.at(-1)!.text).toMatch(/\(le \d{1,2} \S+ \d{4} à \d{2}:\d{2}\)/);
    expect(await count(PARTENAIRE)).toBe(before.partenaire);
    expect(await count(PILOTE)).toBe(before.pilote + 1);
    // Each entry goes in one digest only; the bell still lists it, whatever the mail preference.
    expect(await sendDigests(server.services, new Date(tomorrow.getTime() + 24 * 3600 * 1000))).toBe(0);
    expect(await mentionsOf(PARTENAIRE, id)).toHaveLength(1);
  });
});
