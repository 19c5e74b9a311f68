/**
 * Test helpers: the stock y-websocket client from Node, with `ws` carrying the session cookie
 * and an allowed Origin as a browser would.
 */
import { connect as netConnect } from "node:net";
import * as decoding from "lib0/decoding";
import { WebSocket } from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { COLLAB_PATH } from "@atelier/shared";
import type { Client } from "../../test/harness.js";
import type { Db } from "../db/index.js";
import { MESSAGE_AUTH } from "./protocol.js";
import { loadYDoc } from "../documents/content.js";

export interface Peer {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Close events the server sent (code and reason), in order. */
  closes: { code: number; reason: string }[];
  /** Auth messages (permission denied) the server sent. */
  denied: string[];
  destroy(): void;
}

/** A WebSocket class that sends these headers, for the provider's WebSocketPolyfill option. */
export function socketWith(headers: Record<string, string>) {
  return class extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  };
}

/** Opens a document through the stock provider, as the client's logged-in user. */
export function connect(base: string, client: Client | null, documentId: string, doc = new Y.Doc()): Peer {
  const headers: Record<string, string> = { origin: client?.origin ?? new URL(base).origin };
  if (client) headers.cookie = client.cookieHeader;
  const provider = new WebsocketProvider(base.replace(/^http/, "ws") + COLLAB_PATH, documentId, doc, {
    WebSocketPolyfill: socketWith(headers) as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 300,
  });
  const peer: Peer = {
    doc,
    provider,
    closes: [],
    denied: [],
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
  provider.on("connection-close", (event) => {
    if (event) peer.closes.push({ code: event.code, reason: event.reason });
  });
  // The stock client only logs a permission-denied message; record it instead.
  provider.messageHandlers[MESSAGE_AUTH] = (_encoder, decoder) => {
    decoding.readVarUint(decoder);
    peer.denied.push(decoding.readVarString(decoder));
  };
  return peer;
}

/** Resolves when the predicate holds, checking every 20 ms; fails with `what` after `ms`. */
export async function until(what: string, predicate: () => boolean | Promise<boolean>, ms = 10_000) {
  const end = Date.now() + ms;
  while (!(await predicate())) {
    if (Date.now() > end) throw new Error(`délai dépassé : ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export const synced = (peer: Peer) => until("synchronisation", () => peer.provider.synced);

/** Appends a paragraph to the "default" fragment, as the editor would. */
export const write = (peer: Peer, text: string) => {
  const p = new Y.XmlElement("paragraph");
  p.insert(0, [new Y.XmlText(text)]);
  peer.doc.getXmlFragment("default").push([p]);
};

/** The text of the "default" fragment, as the editor would hold it. */
export const fragmentText = (doc: Y.Doc) => doc.getXmlFragment("default").toString();

/** Reads something of a document as the database holds it (its whole log), then lets the copy go. */
export async function readStored<T>(db: Db, documentId: string, read: (doc: Y.Doc) => T): Promise<T> {
  const doc = await loadYDoc(db, documentId);
  try {
    return read(doc);
  } finally {
    doc.destroy();
  }
}

/** The editor's fragment as a comparable value: its elements, text and formatting. */
export const formatted = (doc: Y.Doc) => doc.getXmlFragment("default").toString();

const paragraph = (text: string) => {
  const p = new Y.XmlElement("paragraph");
  p.insert(0, [new Y.XmlText(text)]);
  return p;
};

/**
 * Stock clients all go offline, format, unformat and split the same words of one paragraph (an
 * XmlText, as the editor writes), then come back: they must converge, and the document as stored
 * must be what they hold. The server, receiving formatting from another, runs Yjs's formatting
 * cleanup in a transaction of its own (origin null).
 */
export async function formatOffline(peers: Peer[], stored: () => Promise<string>) {
  await Promise.all(peers.map(synced));
  const fragment = (p: Peer) => p.doc.getXmlFragment("default");
  fragment(peers[0]!).push([paragraph("Bonjour le monde entier")]);
  await until("texte partagé", () => peers.every((p) => formatted(p.doc).includes("Bonjour le monde entier")));
  peers.forEach((p) => p.provider.disconnect());
  const edits: ((t: Y.XmlText, p: Peer) => void)[] = [
    (t) => t.format(0, 7, { bold: true }),
    (t) => {
      t.format(0, 7, { bold: true });
      t.format(3, 8, { italic: true });
    },
    (t, p) => {
      // Splits the paragraph after "Bonjour ", as Enter would.
      p.doc.transact(() => {
        t.format(0, 10, { bold: null });
        t.delete(8, 15);
        fragment(p).insert(fragment(p).length, [paragraph("le monde entier")]);
        t.format(0, 3, { bold: true });
      });
    },
  ];
  peers.forEach((p, i) => {
    const last = fragment(p).get(fragment(p).length - 1) as Y.XmlElement;
    edits[i % edits.length]!(last.get(0) as Y.XmlText, p);
  });
  peers.forEach((p) => p.provider.connect());
  await until("convergence", () => peers.every((p) => p.provider.synced && formatted(p.doc) === formatted(peers[0]!.doc)), 20_000);
  // The document goes on after it (the server is still up and storing)...
  fragment(peers.at(-1)!).push([paragraph("fin")]);
  await until("suite relayée", () => peers.every((p) => formatted(p.doc).includes(">fin<")));
  // ...and what the server stored after their updates and its own cleanup is what they hold.
  await until("état stocké identique", async () => (await stored()) === formatted(peers[0]!.doc), 10_000);
}

/** The status line a server answers to a raw WebSocket upgrade request for this path, sent as is. */
export function upgradeStatus(base: string, origin: string, path: string) {
  const { port } = new URL(base);
  return new Promise<string>((resolve, reject) => {
    const socket = netConnect(Number(port), "127.0.0.1", () =>
      socket.write(
        `GET ${path} HTTP/1.1\r\nHost: localhost\r\nOrigin: ${origin}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
          "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n",
      ),
    );
    let text = "";
    socket.on("data", (d) => (text += d));
    // A path that opens a socket answers 101 and stays open: its first line is enough.
    socket.on("data", () => {
      if (text.includes("\r\n")) {
        resolve(text.split("\r\n")[0]!);
        socket.destroy();
      }
    });
    socket.on("end", () => resolve(text.split("\r\n")[0]!));
    socket.on("error", reject);
  });
}
