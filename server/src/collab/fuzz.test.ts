/**
 * Hostile and oversized input on one connection closes that connection only: the server, the
 * other connections and the other documents go on. The limits (message, document, connections).
 * Then a timed fuzz (FUZZ_SECONDS, 20 by default) over the upgrade and the socket protocol.
 */
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import * as encoding from "lib0/encoding";
import * as awarenessProtocol from "y-protocols/awareness";
import { WebSocket } from "ws";
import * as Y from "yjs";
import { COLLAB_CLOSE } from "@atelier/shared";
import { spaceId, startTestServer, type Client, type TestServer } from "../../test/harness.js";
import { MESSAGE_AWARENESS, MESSAGE_SYNC, SYNC_STEP2, SYNC_UPDATE } from "./protocol.js";
import { connect, formatted, readStored, synced, until, upgradeStatus, type Peer } from "./test-helpers.js";

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

describe("fuzz", () => {
  const seconds = Number(process.env.FUZZ_SECONDS ?? 20);
  let fuzzed: TestServer;

  beforeAll(async () => {
    // Default limits, except a small frame limit so that oversized frames are cheap to send, and
    // budgets high enough for the fuzzer to send many frames.
    fuzzed = await startTestServer({ COLLAB_MAX_MESSAGE_BYTES: "65536", COLLAB_CONN_MESSAGES_PER_SECOND: "2000" });
  });

  it(`sends random, truncated, oversized and mutated frames for ${seconds} s: the server stays up, the others go on, the stored state is the clients'`, async () => {
    let seed = Number(process.env.FUZZ_SEED ?? 20261201);
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
    const bytes = (n: number) => Uint8Array.from({ length: n }, () => Math.floor(rand() * 256));
    const editorClient = await fuzzed.as("membre.grand-sud@atelier.test");
    const readerClient = await fuzzed.as("lecteur.grand-sud@atelier.test");
    const grandSud = await spaceId(fuzzed, "grand-sud");
    const create = async () =>
      (await editorClient.post(`/api/spaces/${grandSud}/documents`, { title: "Fuzz", kind: "synthese" })).body.document.id as string;
    const [target, other] = [await create(), await create()];
    const open = (id: string) => {
      const p = connect(fuzzed.url, editorClient, id);
      peers.push(p);
      return p;
    };
    const writers = [open(target), open(target), open(target)];
    const [c, d] = [open(other), open(other)];
    await Promise.all([...writers, c, d].map(synced));
    writers[0]!.doc.getXmlFragment("default").push([new Y.XmlElement("paragraph")]);
    const textOf = (p: Peer) => {
      const f = p.doc.getXmlFragment("default");
      const last = f.get(f.length - 1);
      if (!(last instanceof Y.XmlElement)) return null;
      if (!(last.get(0) instanceof Y.XmlText)) last.insert(0, [new Y.XmlText("fuzz")]);
      return last.get(0) as Y.XmlText;
    };

    // Sources of plausible frames to mutate: real updates and presence.
    const scratch = new Y.Doc();
    const samples: Uint8Array[] = [];
    scratch.on("update", (u: Uint8Array) => samples.push(u));
    const st = scratch.getXmlFragment("default");
    st.push([new Y.XmlElement("paragraph")]);
    (st.get(0) as Y.XmlElement).insert(0, [new Y.XmlText("bonjour tout le monde")]);
    ((st.get(0) as Y.XmlElement).get(0) as Y.XmlText).format(0, 7, { bold: true });
    st.delete(0, 1);
    const presence = new awarenessProtocol.Awareness(new Y.Doc());
    presence.setLocalState({ user: { name: "Fuzz" } });
    const presenceUpdate = awarenessProtocol.encodeAwarenessUpdate(presence, [presence.clientID]);
    presence.destroy();
    const mutate = (u: Uint8Array) => {
      const m = Uint8Array.from(u);
      for (let k = 0; k < 1 + Math.floor(rand() * 3); k++) m[Math.floor(rand() * m.length)] = Math.floor(rand() * 256);
      return rand() < 0.3 ? m.subarray(0, Math.floor(rand() * m.length)) : m;
    };
    const frames = [
      () => bytes(1 + Math.floor(rand() * 64)),
      () => syncMessage(SYNC_UPDATE, bytes(1 + Math.floor(rand() * 64))),
      () => syncMessage(pick([SYNC_UPDATE, SYNC_STEP2]), mutate(pick(samples))),
      () => syncMessage(SYNC_UPDATE, pick(samples)),
      () => syncMessage(0, mutate(Y.encodeStateVector(scratch))),
      () => message((e) => encoding.writeVarUint(e, MESSAGE_AWARENESS), (e) => encoding.writeVarUint8Array(e, mutate(presenceUpdate))),
      () => mutate(syncMessage(SYNC_UPDATE, pick(samples))),
      () => new Uint8Array(70_000),
    ];
    const paths = ["/collab/%FF", "/collab/%", "/collab/%ZZ", "/collab/%E0%A4%A", "/collab/%C0%AF", "//", `/collab/${target}%00`, "/collab/", `/collab/${target}/x`];

    const actors = [null, readerClient, editorClient] as const;
    const sockets = new Map<Client | null, WebSocket>();
    const socketOf = async (who: Client | null) => {
      const ws = sockets.get(who);
      if (ws && ws.readyState === WebSocket.OPEN) return ws;
      const fresh = new WebSocket(`${fuzzed.url.replace("http", "ws")}/collab/${target}`, {
        headers: who ? { origin: who.origin, cookie: who.cookieHeader } : { origin: editorClient.origin },
      });
      fresh.on("error", () => {});
      sockets.set(who, fresh);
      await new Promise((resolve) => {
        fresh.once("open", resolve);
        fresh.once("close", resolve);
      });
      return fresh;
    };

    let sent = 0;
    let upgrades = 0;
    let checks = 0;
    const end = Date.now() + seconds * 1000;
    let nextCheck = Date.now();
    while (Date.now() < end) {
      const r = rand();
      if (r < 0.05) {
        // A well-encoded path completes the handshake, then says why in the close frame (4401).
        const status = await upgradeStatus(fuzzed.url, editorClient.origin, pick(paths));
        expect(["HTTP/1.1 400 Bad Request", "HTTP/1.1 404 Not Found", "HTTP/1.1 101 Switching Protocols"]).toContain(status);
        upgrades++;
      } else if (r < 0.15) {
        // Concurrent formatting and typing by the stock clients, some of them offline for a while.
        const w = pick(writers);
        const t = textOf(w);
        if (t && t.length > 0) {
          const at = Math.floor(rand() * t.length);
          const len = Math.min(t.length - at, 1 + Math.floor(rand() * 6));
          pick([
            () => t.format(at, len, { bold: rand() < 0.5 ? true : null }),
            () => t.format(at, len, { italic: true }),
            () => t.insert(at, pick(["a", "é", " mot ", "\n"])),
            () => t.delete(at, 1),
          ])();
        }
        if (rand() < 0.1) {
          if (w.provider.wsconnected) w.provider.disconnect();
          else w.provider.connect();
        }
      } else {
        const ws = await socketOf(pick(actors));
        if (ws.readyState === WebSocket.OPEN) {
          ws.send(pick(frames)());
          sent++;
        }
      }
      if (Date.now() >= nextCheck) {
        // The other document keeps syncing within a bound.
        const word = `contrôle ${checks++}`;
        c.doc.getText("t").insert(0, word);
        await until(`"${word}" relayé pendant le fuzz`, () => d.doc.getText("t").toString().startsWith(word), 5000);
        nextCheck = Date.now() + 1000;
      }
      if (sent % 20 === 0) await new Promise((r) => setImmediate(r));
    }
    sockets.forEach((ws) => ws.terminate());
    console.info(`fuzz : ${sent} trames, ${upgrades} ouvertures malformées, ${checks} contrôles en ${seconds} s`);

    expect((await editorClient.get("/api/health")).status).toBe(200);
    writers.forEach((w) => w.provider.connect());
    await until("convergence", () => writers.every((w) => w.provider.synced && formatted(w.doc) === formatted(writers[0]!.doc)), 20_000);
    const late = open(target);
    await synced(late);
    expect(formatted(late.doc)).toBe(formatted(writers[0]!.doc));
    // Reopened from the database: what its clients hold.
    expect(await readStored(fuzzed.services.db, target, formatted)).toBe(formatted(writers[0]!.doc));
    expect(await readStored(fuzzed.services.db, other, (doc) => doc.getText("t").toString())).toBe(d.doc.getText("t").toString());
  }, (Number(process.env.FUZZ_SECONDS ?? 20) + 60) * 1000);
});
