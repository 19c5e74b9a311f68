/**
 * One WebSocket on one document: who it is, whether it may write, and its frames handled one
 * after the other in arrival order.
 */
import type { CollabClose } from "@atelier/shared";
import WebSocket from "ws";

export class Conn {
  readOnly: boolean;
  /** The read-only client was told once that its edits are refused. */
  toldReadOnly = false;
  /** The presence ids this connection controls, removed when it leaves. */
  readonly awarenessIds = new Set<number>();
  awarenessTimer: NodeJS.Timeout | null = null;
  lastAwarenessAt = 0;
  /** Answered the last ping. */
  alive = true;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    readonly ws: WebSocket,
    readonly userId: string,
    /** The session token, to check the session again when access changes. */
    readonly sessionToken: string,
    readonly documentId: string,
    readOnly: boolean,
    private readonly opts: {
      /** Bytes waiting to be sent past which the client is too slow to follow. */
      maxBuffered: number;
      /** Where warnings go (nowhere when LOG_LEVEL is error or silent). */
      warn: (line: string) => void;
    },
  ) {
    this.readOnly = readOnly;
  }

  /** Queues work after what this connection already asked for. */
  enqueue(fn: () => Promise<void> | void) {
    this.chain = this.chain.then(fn, fn);
  }

  send(message: Uint8Array) {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    // Memory is not to grow for a client that does not read: it goes, and catches up when it comes back.
    if (this.ws.bufferedAmount > this.opts.maxBuffered) {
      this.log("client trop lent", `${this.ws.bufferedAmount} octets en attente`);
      this.ws.terminate();
      return;
    }
    this.ws.send(message, (err) => {
      if (err) this.ws.terminate();
    });
  }

  close(reason: CollabClose) {
    if (this.ws.readyState === WebSocket.CLOSED || this.ws.readyState === WebSocket.CLOSING) return;
    this.ws.close(reason.code, reason.reason);
  }

  log(what: string, err: unknown) {
    const detail = err instanceof Error ? err.message : String(err);
    this.opts.warn(`[collab] ${what} (document ${this.documentId}, utilisateur ${this.userId}) : ${detail}`);
  }
}
