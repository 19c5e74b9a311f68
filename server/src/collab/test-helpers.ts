/**
 * Test helpers: the stock y-websocket client from Node, with `ws` carrying the session cookie
 * and an allowed Origin as a browser would.
 */
import * as decoding from "lib0/decoding";
import { WebSocket } from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { COLLAB_PATH } from "@atelier/shared";
import type { Client } from "../../test/harness.js";
import type { Db } from "../db/index.js";
import { MESSAGE_AUTH } from "./protocol.js";
import { loadYDoc } from "./store.js";

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
