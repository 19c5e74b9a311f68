/**
 * A socket stays open no longer than its session: expired through inactivity or ended by a
 * logout in another tab, it is closed as "Session expirée" at the next check of the sessions.
 */
import { afterEach, beforeAll, expect, it } from "vitest";
import { COLLAB_CLOSE } from "@atelier/shared";
import { SESSION_COOKIE } from "../auth/sessions.js";
import { spaceId, startTestServer, type Client, type TestServer } from "../../test/harness.js";
import { connect, synced, until, type Peer } from "./test-helpers.js";

const CHECK_MS = 200;
const EMAIL = "membre.grand-sud@atelier.test";

let server: TestServer;
let documentId: string;
const peers: Peer[] = [];

beforeAll(async () => {
  server = await startTestServer({ COLLAB_SESSION_CHECK_MS: String(CHECK_MS) });
  const membre = await server.as(EMAIL);
  const r = await membre.post(`/api/spaces/${await spaceId(server, "grand-sud")}/documents`, { title: "Sessions", kind: "livrable" });
  documentId = r.body.document.id;
});
afterEach(() => {
  peers.splice(0).forEach((p) => p.destroy());
});

async function open(client: Client) {
  const peer = connect(server.url, client, documentId);
  peers.push(peer);
  await synced(peer);
  return peer;
}

const sessionIdOf = (client: Client) => client.cookies.get(SESSION_COOKIE)!.split(".")[0]!;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it("closes the socket of a session that expired, and only that one", async () => {
  const [tab, otherDevice] = [await server.as(EMAIL), await server.as(EMAIL)];
  const [expiring, kept] = [await open(tab), await open(otherDevice)];
  // Several checks go by while the sessions hold: nothing is closed.
  await pause(CHECK_MS * 4);
  expect(expiring.closes).toEqual([]);

  await server.services.db.query(
    `UPDATE sessions SET last_verified_at = now() - make_interval(days => $2) WHERE id = $1`,
    [sessionIdOf(tab), server.config.SESSION_INACTIVITY_DAYS + 1],
  );
  await until("socket fermée", () => expiring.closes.length > 0, CHECK_MS * 25);
  expect(expiring.closes[0]).toEqual({ code: COLLAB_CLOSE.unauthenticated.code, reason: COLLAB_CLOSE.unauthenticated.reason });
  // 4400–4499: the stock client does not come back on its own.
  expect(expiring.provider.shouldConnect).toBe(false);
  await pause(CHECK_MS * 3);
  expect(kept.closes).toEqual([]);
  expect(kept.provider.wsconnected).toBe(true);
});

it("closes the socket of a session ended by a logout in another tab", async () => {
  const browser = await server.as(EMAIL);
  const peer = await open(browser);
  // The same cookie: another tab of the same browser.
  expect((await browser.post("/api/auth/logout")).status).toBe(204);
  await until("socket fermée", () => peer.closes.length > 0, CHECK_MS * 25);
  expect(peer.closes[0]!.code).toBe(COLLAB_CLOSE.unauthenticated.code);
});
