/**
 * One WebSocket on one document: who it is, whether it may write, and its frames handled one
 * after the other in arrival order.
 */
import { COLLAB_CLOSE, type CollabClose } from "@atelier/shared";
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
  /** Closed by the server (or its right is being withdrawn): no frame of it is handled any more. */
  ended = false;
  /** A re-check of its access under way: its frames wait for the answer before being handled. */
  hold: Promise<void> | null = null;
  /** When its session ends unless the person is active elsewhere meanwhile (session-check.ts). */
  sessionEndsAt = Infinity;
  sessionTimer: NodeJS.Timeout | null = null;
  /** Reads the session again; the session watch sets it. Frames past sessionEndsAt wait for it. */
  checkSession: () => Promise<void> = async () => {};
  private chain: Promise<void> = Promise.resolve();
  /**
   * Per-connection budgets, as the time by which what was received so far would have been
   * allowed (one for messages, one for bytes), one second of burst ahead of now.
   */
  private messagesDueAt = 0;
  private bytesDueAt = 0;
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
      messagesPerSecond: number;
      bytesPerSecond: number;
      /** The largest message accepted: the byte budget always holds at least one. */
      maxMessageBytes: number;
    },
  ) {
    this.readOnly = readOnly;
    ws.once("close", () => this.clearSessionTimer());
  }

  clearSessionTimer() {
    if (this.sessionTimer) clearTimeout(this.sessionTimer);
    this.sessionTimer = null;
  }

  /**
   * Handles a received frame once the budgets allow it. Past them, the frame waits its turn and
   * the socket is not read meanwhile: the flooder is slowed (TCP pushes back on it), nobody else.
   */
  receive(bytes: number, handle: () => Promise<void> | void) {
    const now = Date.now();
    const { messagesPerSecond, bytesPerSecond, maxMessageBytes } = this.opts;
    this.messagesDueAt = Math.max(this.messagesDueAt, now) + 1000 / messagesPerSecond;
    this.bytesDueAt = Math.max(this.bytesDueAt, now) + (bytes * 1000) / bytesPerSecond;
    // One second of burst, and always room for one message of the largest size.
    const bytesBurst = Math.max(1000, (maxMessageBytes * 1000) / bytesPerSecond);
    const notBefore = Math.max(this.messagesDueAt - 1000, this.bytesDueAt - bytesBurst);
    if (notBefore > now) {
      this.ws.pause();
      void this.enqueue(async () => {
        await new Promise((resolve) => setTimeout(resolve, notBefore - Date.now()));
        if (this.ws.readyState === WebSocket.OPEN) this.ws.resume();
      });
    }
    void this.enqueue(handle);
  }

  /** Queues work after what this connection already asked for; resolves once it has run. */
  enqueue(fn: () => Promise<void> | void): Promise<void> {
    // What escapes the handlers closes this connection only, logged once.
    this.chain = this.chain.then(fn).catch((err: unknown) => {
      this.log("erreur inattendue", err);
      this.close(COLLAB_CLOSE.documentFailed);
    });
    return this.chain;
  }

  send(message: Uint8Array) {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    // Memory is not to grow for a client that does not read: it goes, and catches up when it comes back.
    if (this.ws.bufferedAmount > this.opts.maxBuffered) {
      this.log("client trop lent", `${this.ws.bufferedAmount} octets en attente`);
      this.ws.terminate();
      return;
    }
    // No callback per message: with a large audience, thousands of them per update fill the event
    // loop. A failed write errors the socket itself, which ws then closes.
    this.ws.send(message);
  }

  close(reason: CollabClose) {
    this.ended = true;
    this.clearSessionTimer();
    if (this.ws.readyState === WebSocket.CLOSED || this.ws.readyState === WebSocket.CLOSING) return;
    this.ws.close(reason.code, reason.reason);
  }

  log(what: string, err: unknown) {
    const detail = err instanceof Error ? err.message : String(err);
    this.opts.warn(`[collab] ${what} (document ${this.documentId}, utilisateur ${this.userId}) : ${detail}`);
  }
}
