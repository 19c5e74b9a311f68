import { COLLAB_CLOSE, COLLAB_PATH, collabCloseByCode, type CollabClose } from "@atelier/shared";
import { useEffect, useState, useSyncExternalStore } from "react";
import { IndexeddbPersistence } from "y-indexeddb";
import { readAuthMessage } from "y-protocols/auth";
import { messageAuth, WebsocketProvider } from "y-websocket";
import * as Y from "yjs";

/** What the connection indicator shows. */
export type ConnectionState = "connecting" | "connected" | "reconnecting" | "offline";

export interface CollaborationStatus {
  state: ConnectionState;
  /** Local edits the server has not received yet (made while disconnected). */
  unsynced: boolean;
  /** The socket never opened although the page tried long enough: probably blocked by the network. */
  blocked: boolean;
  /** The server closed the socket for good (access removed, document gone…): reconnecting cannot help. */
  closed: CollabClose | null;
  /** The last close the provider recovers from by itself (server restarting, too many connections…). */
  transient: CollabClose | null;
  /** The server refused an edit: this connection is read-only (rights changed while the page was open). */
  writeRefused: boolean;
}

/** Closes after which the document must not be shown any more (no access, no document, no session). */
export const CLOSED_WITHOUT_CONTENT = new Set<number>(
  [COLLAB_CLOSE.accessRemoved, COLLAB_CLOSE.forbidden, COLLAB_CLOSE.notFound, COLLAB_CLOSE.unauthenticated].map((c) => c.code),
);
// Closes after which the browser's copy goes too: this person may no longer read the document (an expired session
// keeps it, with its unsynced edits, for when they log in again).
const FORGET_LOCAL_COPY = new Set<number>([COLLAB_CLOSE.accessRemoved, COLLAB_CLOSE.forbidden, COLLAB_CLOSE.notFound].map((c) => c.code));

// The socket is deemed blocked after this many failed attempts without ever opening, or this long.
const BLOCKED_AFTER_ATTEMPTS = 3;
const BLOCKED_AFTER_MS = 8000;

export const collabUrl = () => `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}${COLLAB_PATH}`;

/**
 * One document's shared state: a Y.Doc kept in IndexedDB (so edits made offline survive a closed tab and are merged
 * when the socket comes back) and synchronised through the stock y-websocket provider (room = document id).
 */
class Collaboration {
  readonly ydoc = new Y.Doc();
  readonly provider: WebsocketProvider;
  readonly local: IndexeddbPersistence;
  private status: CollaborationStatus = {
    state: "connecting",
    unsynced: false,
    blocked: false,
    closed: null,
    transient: null,
    writeRefused: false,
  };
  private listeners = new Set<() => void>();
  private everConnected = false;
  private blockedTimer: ReturnType<typeof setTimeout>;

  constructor(readonly documentId: string) {
    this.local = new IndexeddbPersistence(`atelier-document-${documentId}`, this.ydoc);
    this.provider = new WebsocketProvider(collabUrl(), documentId, this.ydoc, { maxBackoffTime: 5000 });
    // The stock client only logs a refused write; the page must say it and stop offering to edit.
    this.provider.messageHandlers[messageAuth] = (_encoder, decoder) =>
      readAuthMessage(decoder, this.ydoc, () => this.set({ writeRefused: true }));
    this.provider.on("status", ({ status }) => {
      if (status === "connected") this.everConnected = true;
      this.refresh();
    });
    this.provider.on("sync", (synced) => {
      if (synced) this.set({ unsynced: false, transient: null, blocked: false });
      this.refresh();
    });
    this.provider.on("connection-close", (event) => {
      const known = event ? collabCloseByCode(event.code) : undefined;
      if (known?.retry) this.set({ transient: known });
      if (!this.everConnected && this.provider.wsUnsuccessfulReconnects >= BLOCKED_AFTER_ATTEMPTS && !known) {
        this.set({ blocked: true });
      }
      this.refresh();
    });
    this.provider.on("closed", ({ code, reason }) => {
      if (FORGET_LOCAL_COPY.has(code)) void this.local.clearData();
      this.set({ closed: collabCloseByCode(code) ?? { code, retry: false, reason, message: reason || "Connexion fermée par le serveur." } });
    });
    this.ydoc.on("update", (_update: Uint8Array, origin: unknown) => {
      const local = origin !== this.provider && origin !== this.local;
      if (local && !this.provider.synced && !this.status.unsynced) {
        this.set({ unsynced: true });
        this.refresh();
      }
    });
    this.blockedTimer = setTimeout(() => {
      if (!this.everConnected) this.set({ blocked: true });
    }, BLOCKED_AFTER_MS);
    addEventListener("online", this.refresh);
    addEventListener("offline", this.refresh);
  }

  private set(patch: Partial<CollaborationStatus>) {
    this.status = { ...this.status, ...patch };
    this.listeners.forEach((l) => l());
  }

  private refresh = () => {
    const p = this.provider;
    const state: ConnectionState =
      p.wsconnected && p.synced
        ? "connected"
        : !navigator.onLine || (this.status.unsynced && !p.wsconnected)
          ? "offline"
          : this.everConnected
            ? "reconnecting"
            : "connecting";
    if (state !== this.status.state) this.set({ state });
  };

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getStatus = () => this.status;

  destroy() {
    clearTimeout(this.blockedTimer);
    removeEventListener("online", this.refresh);
    removeEventListener("offline", this.refresh);
    this.provider.destroy();
    void this.local.destroy();
    this.ydoc.destroy();
  }
}

/** The collaboration of one document for as long as the component using it is mounted. */
export function useCollaboration(documentId: string) {
  const [collab, setCollab] = useState<Collaboration | null>(null);
  useEffect(() => {
    const c = new Collaboration(documentId);
    setCollab(c);
    return () => c.destroy();
  }, [documentId]);
  return collab;
}

const noop = () => () => {};
const noStatus = () => null;

/** The live connection status of a collaboration (re-renders on change). */
export function useCollaborationStatus(collab: Collaboration | null): CollaborationStatus | null {
  return useSyncExternalStore(collab?.subscribe ?? noop, collab?.getStatus ?? noStatus);
}

export type { Collaboration };
