/**
 * The socket's side of the authorization matrix: every actor opens a document of Grand-Sud
 * (and of the national space) and either edits, reads only, or is refused with a reason.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COLLAB_CLOSE } from "@atelier/shared";
import { spaceId, startTestServer, type TestServer } from "../../test/harness.js";
import { ACTORS, type ActorName } from "../../test/matrix/matrix.js";
import { loadYDoc } from "../documents/content.js";
import { moveAllBy } from "../workflow/test-helpers.js";
import { connect, synced, until, type Peer } from "./test-helpers.js";

type Outcome = "edit" | "read" | keyof typeof COLLAB_CLOSE;

const GRAND_SUD: Record<ActorName, Outcome> = {
  admin: "edit",
  national: "read",
  pilote: "edit",
  membre: "edit",
  contributeur: "read",
  lecteur: "read",
  regional: "read",
  stranger: "forbidden",
  anonymous: "unauthenticated",
};
// Validated means frozen: whoever may read it only reads it, admins included.
const VALIDATED: Record<ActorName, Outcome> = { ...GRAND_SUD, admin: "read", pilote: "read", membre: "read" };
// The national team writes in its own space; the territorial roles do not reach it.
const NATIONAL: Partial<Record<ActorName, Outcome>> = { national: "edit", admin: "edit", membre: "forbidden" };

let server: TestServer;
const docs = new Map<string, string>();
const peers: Peer[] = [];

beforeAll(async () => {
  server = await startTestServer();
  const admin = await server.as("admin@atelier.test");
  for (const slug of ["grand-sud", "copil-national"]) {
    const r = await admin.post(`/api/spaces/${await spaceId(server, slug)}/documents`, { title: "Matrice", kind: "livrable" });
    docs.set(slug, r.body.document.id);
  }
  const r = await admin.post(`/api/spaces/${await spaceId(server, "grand-sud")}/documents`, { title: "Validé", kind: "livrable" });
  await moveAllBy(admin, r.body.document.id, "valide");
  docs.set("grand-sud validé", r.body.document.id);
});
afterAll(() => peers.forEach((p) => p.destroy()));

async function check(actor: ActorName, slug: string, outcome: Outcome) {
  const id = docs.get(slug)!;
  const email = ACTORS[actor];
  const peer = connect(server.url, email ? await server.as(email) : server.client(), id);
  peers.push(peer);
  if (outcome !== "edit" && outcome !== "read") {
    await until("refus", () => peer.closes.length > 0);
    expect(peer.closes[0]!.code).toBe(COLLAB_CLOSE[outcome].code);
    return;
  }
  await synced(peer);
  const mark = `${actor}-${slug}-${Date.now()}`;
  peer.doc.getText("marks").insert(0, mark);
  if (outcome === "read") await until("refus signalé", () => peer.denied.length > 0);
  // A later write by the admin marks the point by which the actor's own would have been stored.
  const witness = connect(server.url, await server.as("admin@atelier.test"), id);
  peers.push(witness);
  await synced(witness);
  await until("écriture de l'éditeur stockée", async () => {
    if (outcome === "read") return true;
    const doc = await loadYDoc(server.services.db, id);
    return doc.getText("marks").toString().includes(mark);
  });
  const stored = await loadYDoc(server.services.db, id);
  expect(stored.getText("marks").toString().includes(mark)).toBe(outcome === "edit");
  expect(witness.doc.getText("marks").toString().includes(mark)).toBe(outcome === "edit");
}

describe("socket access in Grand-Sud", () => {
  it.each(Object.entries(GRAND_SUD) as [ActorName, Outcome][])("%s: %s", (actor, outcome) => check(actor, "grand-sud", outcome));
});

describe("socket access in the national space", () => {
  it.each(Object.entries(NATIONAL) as [ActorName, Outcome][])("%s: %s", (actor, outcome) =>
    check(actor, "copil-national", outcome),
  );
});

describe("socket access to a validated document of Grand-Sud", () => {
  it.each(Object.entries(VALIDATED) as [ActorName, Outcome][])("%s: %s", (actor, outcome) =>
    check(actor, "grand-sud validé", outcome),
  );
});
