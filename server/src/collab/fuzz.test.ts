/**
 * Hostile and oversized input on one connection closes that connection only: the server, the
 * other connections and the other documents go on. The limits (message, document, connections).
 */
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import * as encoding from "lib0/encoding";
import * as awarenessProtocol from "y-protocols/awareness";
import { WebSocket } from "ws";
import * as Y from "yjs";
import { COLLAB_CLOSE } from "@atelier/shared";
import { spaceId, startTestServer, type Client, type TestServer } from "../../test/harness.js";
import { MESSAGE_AWARENESS, MESSAGE_SYNC, SYNC_STEP2, SYNC_UPDATE } from "./protocol.js";
import { connect, readStored, synced, until, type Peer } from "./test-helpers.js";

let server: TestServer;
let membre: Client;
const peers: Peer[] = [];
const sockets: WebSocket[] = [];

beforeAll(async () => {
  server = await startTestServer({
    COLLAB_MAX_MESSAGE_BYTES: "65536",
    COLLAB_MAX_DOCUMENT_BYTES: "60000",
    COLLAB_MAX_CONNECTIONS_PER_DOCUMENT: "4",
    COLLAB_MAX_BUFFERED_BYTES: "100000",
    // The slow-reader test floods presence of 50 KB.
    COLLAB_MAX_AWARENESS_BYTES: "60000",
  });
  membre = await server.as("membre.grand-sud@atelier.test");
});
afterEach(() => {
  peers.splice(0).forEach((p) => p.destroy());
  sockets.splice(0).forEach((s) => s.terminate());
});

async function newDocument() {
  const r = await membre.post(`/api/spaces/${await spaceId(server, "grand-sud")}/documents`, { title: "Essai", kind: "synthese" });
  return r.body.document.id as string;
}

function peer(documentId: string) {
  const p = connect(server.url, membre, documentId);
  peers.push(p);
  return p;
}

/** A raw socket as the logged-in member, open and greeted (the stored state is loaded). */
async function raw(documentId: string) {
  const ws = new WebSocket(`${server.url.replace("http", "ws")}/collab/${documentId}`, {
    headers: { origin: membre.origin, cookie: membre.cookieHeader },
  });
  sockets.push(ws);
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on("close", (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  ws.on("error", () => {});
  await new Promise((resolve) => ws.once("message", resolve));
  return { ws, closed };
}

const message = (...parts: ((e: encoding.Encoder) => void)[]) => {
  const e = encoding.createEncoder();
  parts.forEach((p) => p(e));
  return encoding.toUint8Array(e);
};
const syncMessage = (sub: number, payload: Uint8Array) =>
  message(
    (e) => encoding.writeVarUint(e, MESSAGE_SYNC),
    (e) => encoding.writeVarUint(e, sub),
    (e) => encoding.writeVarUint8Array(e, payload),
  );

const write = (p: Peer, text: string) => p.doc.getText("t").insert(p.doc.getText("t").length, text);

const storedText = (documentId: string) => readStored(server.services.db, documentId, (doc) => doc.getText("t").toString());

/** Two peers on a document keep editing together (and the stored state follows). */
async function stillWorks(documentId: string, a: Peer, b: Peer, word: string) {
  write(a, word);
  await until(`"${word}" relayed`, () => b.doc.getText("t").toString().includes(word));
  expect(await storedText(documentId)).toContain(word);
}

describe("hostile input", () => {
  it("closes a connection that sends truncated, unknown, text or malformed frames, and only that one", async () => {
    const target = await newDocument();
    const other = await newDocument();
    const [a, b, c, d] = [peer(target), peer(target), peer(other), peer(other)];
    await Promise.all([a, b, c, d].map(synced));
    const valid = syncMessage(SYNC_UPDATE, (() => {
      const doc = new Y.Doc();
      doc.getText("t").insert(0, "valide");
      return Y.encodeStateAsUpdate(doc);
    })());
    const hostile: (string | Uint8Array)[] = [
      valid.subarray(0, valid.length - 3),
      new Uint8Array([42, 1, 2, 3]),
      new Uint8Array([MESSAGE_SYNC, 7, 0]),
      new Uint8Array([MESSAGE_AWARENESS, 200, 1, 2]),
      new Uint8Array([]),
      "du texte",
      syncMessage(SYNC_UPDATE, new Uint8Array([5, 255, 255, 255, 255, 15, 1, 2, 3])),
      syncMessage(SYNC_STEP2, new Uint8Array([1, 1, 200, 1, 0, 7, 1, 0, 0])),
    ];
    for (const frame of hostile) {
      const { ws, closed } = await raw(target);
      ws.send(frame);
      expect((await closed).code, `trame ${JSON.stringify(Array.from(frame as Uint8Array))}`).toBe(COLLAB_CLOSE.badMessage.code);
    }
    await stillWorks(target, a, b, "après les trames hostiles");
    await stillWorks(other, c, d, "l'autre document aussi");
  });

  it("survives random frames: the server stays up, the stored log stays readable, others go on", async () => {
    const target = await newDocument();
    const [a, b] = [peer(target), peer(target)];
    await Promise.all([a, b].map(synced));
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 20; round++) {
      const { ws, closed } = await raw(target);
      let open = true;
      void closed.then(() => (open = false));
      for (let i = 0; i < 30 && open; i++) {
        const bytes = Uint8Array.from({ length: 1 + Math.floor(next() * 64) }, () => Math.floor(next() * 256));
        // Some frames start as a sync update, so that Yjs itself reads the garbage.
        if (next() < 0.5) ws.send(syncMessage(SYNC_UPDATE, bytes));
        else ws.send(bytes);
        await new Promise((r) => setImmediate(r));
      }
      ws.terminate();
    }
    expect((await membre.get("/api/health")).status).toBe(200);
    await stillWorks(target, a, b, "toujours là");
    expect(a.doc.getText("t").toString()).toBe(b.doc.getText("t").toString());
  });
});

describe("limits", () => {
  it("closes an oversized frame's connection (1009) and no other", async () => {
    const target = await newDocument();
    const [a, b] = [peer(target), peer(target)];
    await Promise.all([a, b].map(synced));
    const { ws, closed } = await raw(target);
    ws.send(new Uint8Array(70_000));
    expect((await closed).code).toBe(1009);
    await stillWorks(target, a, b, "après le message trop gros");
  });

  it("stops a document at its largest size with a clear, final close, and keeps what was stored", async () => {
    const target = await newDocument();
    const [a, b] = [peer(target), peer(target)];
    await Promise.all([a, b].map(synced));
    write(a, "x".repeat(30_000));
    await until("premier bloc relayé", () => b.doc.getText("t").length === 30_000);
    write(a, "y".repeat(35_000));
    await until("fermeture", () => a.closes.length > 0);
    expect(a.closes[0]!.code).toBe(COLLAB_CLOSE.tooLarge.code);
    // 4400–4499: the stock client does not retry.
    expect(a.provider.shouldConnect).toBe(false);
    expect(await storedText(target)).toBe("x".repeat(30_000));
    expect(b.doc.getText("t").toString()).not.toContain("y");
  });

  it("refuses a connection past the limit per document, to be retried later", async () => {
    const target = await newDocument();
    const four = [peer(target), peer(target), peer(target), peer(target)];
    await Promise.all(four.map(synced));
    const fifth = peer(target);
    await until("refus", () => fifth.closes.length > 0);
    expect(fifth.closes[0]!.code).toBe(COLLAB_CLOSE.tooManyConnections.code);
    four[0]!.destroy();
    await synced(fifth);
  });

  it("drops a client that does not read, and keeps the others", async () => {
    const target = await newDocument();
    const [fast, other] = [peer(target), peer(target)];
    await Promise.all([fast, other].map(synced));
    const slow = await raw(target);
    let slowClosed = false;
    void slow.closed.then(() => (slowClosed = true));
    // Its TCP socket stops reading: what the server sends piles up, first in the kernel, then in memory.
    (slow.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket.pause();
    const writer = await raw(target);
    const presence = new awarenessProtocol.Awareness(new Y.Doc());
    for (let i = 0; i < 300; i++) {
      presence.setLocalState({ i, filler: "x".repeat(50_000) });
      writer.ws.send(
        message(
          (e) => encoding.writeVarUint(e, MESSAGE_AWARENESS),
          (e) => encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(presence, [presence.clientID])),
        ),
      );
      if (i % 20 === 0) await new Promise((r) => setTimeout(r, 10));
    }
    await until("présence reçue", () => fast.provider.awareness.getStates().get(presence.clientID)?.i === 299, 30_000);
    presence.destroy();
    (slow.ws as unknown as { _socket: { resume(): void } })._socket.resume();
    await until("client lent coupé", () => slowClosed, 30_000);
    expect((await slow.closed).code).toBe(1006);
    await stillWorks(target, fast, other, "les autres suivent");
  }, 90_000);
});
