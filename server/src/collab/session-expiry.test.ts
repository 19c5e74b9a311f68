/**
 * A socket stays open no longer than its session: ended by a logout in another tab, or expired
 * through inactivity (at that very moment, or at the periodic round when the session was shortened
 * by other means), it is closed as "Session expirée".
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { COLLAB_CLOSE } from "@atelier/shared";
import { SESSION_COOKIE } from "../auth/sessions.js";
import { spaceId, startTestServer, type Client, type TestServer } from "../../test/harness.js";
import { connect, readStored, synced, until, type Peer } from "./test-helpers.js";

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

describe("a session that ends by inactivity while its socket is open", () => {
  // Two seconds of inactivity end a session; the periodic round is far off, so only the moment counts.
  const INACTIVITY_MS = 3000;
  let quick: TestServer;
  beforeAll(async () => {
    quick = await startTestServer({ SESSION_INACTIVITY_DAYS: String(INACTIVITY_MS / 86_400_000), COLLAB_SESSION_CHECK_MS: "600000" });
  });
  afterAll(() => quick.close());

  it("stops the socket's writes at that moment, before any periodic check", async () => {
    const membre = await quick.as(EMAIL);
    const space = await spaceId(quick, "grand-sud");
    const id = (await membre.post(`/api/spaces/${space}/documents`, { title: "Expiration", kind: "livrable" })).body.document.id as string;
    const peer = connect(quick.url, membre, id);
    peers.push(peer);
    await synced(peer);
    // The session was last used at the login (the activity is written at most once an hour).
    const [session] = await quick.services.db.query<{ last_verified_at: Date }>("SELECT last_verified_at FROM sessions WHERE id = $1", [
      sessionIdOf(membre),
    ]);
    const endsAt = new Date(session!.last_verified_at).getTime() + INACTIVITY_MS;
    let n = 0;
    let firstAfterEnd = Infinity;
    const typing = setInterval(() => {
      // The first number due at or after the instant, whether or not the socket is still there to take it.
      if (Date.now() >= endsAt) firstAfterEnd = Math.min(firstAfterEnd, n);
      if (peer.provider.wsconnected) peer.doc.getText("t").insert(0, `${n++} `);
    }, 10);
    await until("socket fermée", () => peer.closes.length > 0, INACTIVITY_MS * 4);
    await pause(50);
    clearInterval(typing);
    const closedAt = Date.now();
    expect(peer.closes[0]!.code).toBe(COLLAB_CLOSE.unauthenticated.code);
    expect(closedAt - endsAt).toBeLessThan(1000);
    expect(firstAfterEnd).toBeLessThanOrEqual(n);
    const stored = await readStored(quick.services.db, id, (d) => d.getText("t").toString());
    const numbers = stored.trim().split(" ").filter(Boolean).map(Number);
    expect(numbers.length).toBeGreaterThan(0);
    expect(Math.max(...numbers)).toBeLessThan(firstAfterEnd);
  });

  it("keeps the socket of a person active elsewhere past the first moment", async () => {
    const membre = await quick.as(EMAIL);
    // The person works in another tab: the session's last use moves on (as the hourly write would).
    const keepAlive = setInterval(() => {
      void quick.services.db.query("UPDATE sessions SET last_verified_at = now() WHERE id = $1", [sessionIdOf(membre)]);
    }, INACTIVITY_MS / 6);
    const space = await spaceId(quick, "grand-sud");
    const id = (await membre.post(`/api/spaces/${space}/documents`, { title: "Active ailleurs", kind: "livrable" })).body.document.id as string;
    const peer = connect(quick.url, membre, id);
    peers.push(peer);
    await synced(peer);
    await pause(INACTIVITY_MS * 2);
    peer.doc.getText("t").insert(0, "toujours là");
    await pause(300);
    clearInterval(keepAlive);
    expect(peer.closes).toEqual([]);
    expect(await readStored(quick.services.db, id, (d) => d.getText("t").toString())).toBe("toujours là");
  });
});
