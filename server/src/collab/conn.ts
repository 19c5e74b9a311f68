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
  private chain: Promise<void> = Promise.resolve();
  /** Per-connection budgets, as token buckets refilled continuously. */
  private messageTokens: number;
  private byteTokens: number;
  private refilledAt = Date.now();
  private resumeTimer: NodeJS.Timeout | null = null;

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
    this.messageTokens = 2 * opts.messagesPerSecond;
    this.byteTokens = this.byteBurst;
  }

  private get byteBurst() {
    return Math.max(2 * this.opts.bytesPerSecond, this.opts.maxMessageBytes);
  }

  /**
   * Counts a received frame against the budgets. Past them, the socket is no longer read until
   * the budgets have refilled: the flooder is slowed (TCP pushes back on it), nobody else is.
   */
  charge(bytes: number) {
    const now = Date.now();
    const elapsed = (now - this.refilledAt) / 1000;
    this.refilledAt = now;
    const { messagesPerSecond, bytesPerSecond } = this.opts;
    this.messageTokens = Math.min(2 * messagesPerSecond, this.messageTokens + elapsed * messagesPerSecond) - 1;
    this.byteTokens = Math.min(this.byteBurst, this.byteTokens + elapsed * bytesPerSecond) - bytes;
    const waitS = Math.max(-this.messageTokens / messagesPerSecond, -this.byteTokens / bytesPerSecond);
    if (waitS <= 0 || this.resumeTimer) return;
    this.ws.pause();
    this.resumeTimer = setTimeout(() => {
      this.resumeTimer = null;
      if (this.ws.readyState === WebSocket.OPEN) this.ws.resume();
    }, Math.ceil(waitS * 1000));
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
    this.ws.send(message, (err) => {
      if (err) this.ws.terminate();
    });
  }

  close(reason: CollabClose) {
    this.ended = true;
    if (this.resumeTimer) clearTimeout(this.resumeTimer);
    if (this.ws.readyState === WebSocket.CLOSED || this.ws.readyState === WebSocket.CLOSING) return;
    this.ws.close(reason.code, reason.reason);
  }

  log(what: string, err: unknown) {
    const detail = err instanceof Error ? err.message : String(err);
    this.opts.warn(`[collab] ${what} (document ${this.documentId}, utilisateur ${this.userId}) : ${detail}`);
  }
}
