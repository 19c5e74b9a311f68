/**
 * The collaboration socket on the API's port: `/collab/:documentId`, the y-websocket protocol.
 * Like Hocuspocus's lifecycle: upgrade (Origin, session cookie, policy) → load the stored state →
 * sync and presence → every accepted change stored, then relayed → the room let go when empty.
 * Access changes (bus, and Redis for the other instances) re-check the open sockets concerned;
 * a socket stops writing the moment its session ends by inactivity (session-check.ts).
 */
import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import { COLLAB_CLOSE, COLLAB_PATH, COLLAB_READ_ONLY_REASON, type CollabClose } from "@atelier/shared";
import { parse as parseCookies } from "hono/utils/cookie";
import { WebSocketServer, type WebSocket } from "ws";
import { SESSION_COOKIE } from "../auth/sessions.js";
import type { Services } from "../context.js";
import type { AccessChange } from "../events/bus.js";
import { isAllowedOrigin } from "../http/origin.js";
import { documentAccess } from "./access.js";
import { Conn } from "./conn.js";
import { createRedisFanout, type Fanout } from "./fanout.js";
import { permissionDenied } from "./protocol.js";
import { Room } from "./room.js";
import { liveCopies } from "./live.js";
import { startSessionCheck } from "./session-check.js";
import { collabDocuments, collabSockets } from "../metrics/registry.js";
import { log } from "../logging/logger.js";

const PATH = new RegExp(`^${COLLAB_PATH}/([^/]+)$`);

export interface Collab {
  /** Open rooms on this instance, by document id (tests and benchmarks look inside). */
  rooms: Map<string, Room>;
  close(): Promise<void>;
}

export async function attachCollab(server: Server, s: Services): Promise<Collab> {
  const { config, db } = s;
  const inactivityMs = config.SESSION_INACTIVITY_DAYS * 24 * 3600 * 1000;
  const wss = new WebSocketServer({ noServer: true, maxPayload: config.COLLAB_MAX_MESSAGE_BYTES });
  const rooms = new Map<string, Room>();
  const connOpts = {
    maxBuffered: config.COLLAB_MAX_BUFFERED_BYTES,
    messagesPerSecond: config.COLLAB_CONN_MESSAGES_PER_SECOND,
    bytesPerSecond: config.COLLAB_CONN_BYTES_PER_SECOND,
    maxMessageBytes: config.COLLAB_MAX_MESSAGE_BYTES,
    warn: (line: string) => log.warn(line),
  };
  /** Rooms being let go: a new room of the same document waits for their last writes. */
  const disposing = new Map<string, Promise<void>>();
  const fanout: Fanout | null = config.REDIS_URL ? await createRedisFanout(config.REDIS_URL, (c) => recheck(c)) : null;
  // Server-side changes of a document (a restore) go through its open room here.
  const stopServingLive = s.content.serveLive(liveCopies(rooms, fanout));

  const reject = (socket: Duplex, status: number, text: string) => {
    socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  };

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Nothing a client sends may throw out of here: that would stop the process.
    upgrade(req, socket, head).catch((err: unknown) => {
      log.error({ err }, `[collab] ouverture de socket impossible (${JSON.stringify(req.url)})`);
      if (socket.writable) reject(socket, 500, "Internal Server Error");
      else socket.destroy();
    });
  };

  async function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
    // The raw path, not `new URL` (which refuses "//"): the query string is cut off by hand.
    const match = PATH.exec((req.url ?? "/").split("?")[0]!);
    if (!match) {
      if (server.listenerCount("upgrade") === 1) reject(socket, 404, "Not Found");
      return;
    }
    socket.on("error", () => socket.destroy());
    // Cross-site WebSocket hijacking: a page elsewhere could open the socket with the user's cookie.
    if (!isAllowedOrigin(req.headers.origin, headerOf(req, "sec-fetch-site"), config.allowedOrigins)) {
      return reject(socket, 403, "Forbidden");
    }
    const documentId = decodeSegment(match[1]!);
    if (documentId === null) return reject(socket, 400, "Bad Request");
    const token = parseCookies(req.headers.cookie ?? "", SESSION_COOKIE)[SESSION_COOKIE];
    let access;
    try {
      access = await documentAccess(db, token, documentId, inactivityMs);
    } catch (err) {
      log.error({ err }, "[collab] vérification d'accès impossible");
      return reject(socket, 503, "Service Unavailable");
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      try {
        // Refusals complete the handshake so that the client reads why in the close frame.
        if (!access.ok) return ws.close(access.refusal.code, access.refusal.reason);
        const conn = new Conn(ws, access.user.id, token!, documentId, !access.canEdit, connOpts);
        sessions.watch(conn, access.sessionEndsAt);
        join(ws, conn);
      } catch (err) {
        log.error({ err }, `[collab] ouverture du document ${documentId} impossible`);
        ws.terminate();
      }
    });
  }

  function join(ws: WebSocket, conn: Conn) {
    let room = rooms.get(conn.documentId);
    if (room && room.conns.size >= config.COLLAB_MAX_CONNECTIONS_PER_DOCUMENT) {
      return conn.close(COLLAB_CLOSE.tooManyConnections);
    }
    if (!room) {
      room = new Room(conn.documentId, s, config, fanout, disposing.get(conn.documentId) ?? Promise.resolve(), retire);
      rooms.set(conn.documentId, room);
      collabDocuments.inc();
    }
    const r = room;
    r.conns.add(conn);
    collabSockets.inc();
    ws.binaryType = "nodebuffer";
    ws.on("pong", () => (conn.alive = true));
    ws.on("message", (data: Buffer, isBinary) => {
      if (conn.ended) return;
      if (!isBinary) return conn.close(COLLAB_CLOSE.badMessage);
      const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
      conn.receive(bytes.byteLength, () => r.receive(conn, bytes));
    });
    ws.on("close", () => leave(r, conn));
    ws.on("error", (err) => conn.log("erreur de socket", err));
    // Nothing is read from the socket before the stored state is loaded.
    void conn.enqueue(async () => {
      try {
        await r.ready;
      } catch (err) {
        log.error({ err }, `[collab] chargement impossible du document ${r.id}`);
        return conn.close(COLLAB_CLOSE.storageFailed);
      }
      r.greet(conn);
    });
  }

  function leave(room: Room, conn: Conn) {
    room.remove(conn);
    collabSockets.dec();
    if (room.conns.size === 0) retire(room);
  }

  /** Lets a room go (empty, or failed: the next connection reloads the document from the database). */
  function retire(room: Room) {
    if (rooms.get(room.id) !== room) return;
    rooms.delete(room.id);
    collabDocuments.dec();
    const previous = disposing.get(room.id) ?? Promise.resolve();
    const done = previous
      .then(() => room.ready.catch(() => {}))
      .then(() => room.dispose())
      .catch((err) => log.error({ err }, `[collab] fermeture du document ${room.id}`))
      .finally(() => {
        if (disposing.get(room.id) === done) disposing.delete(room.id);
      });
    disposing.set(room.id, done);
  }

  /**
   * Applies a change of access to every open socket it may concern, on this instance. While its
   * check runs, a socket's frames wait (and are dropped if it is closed), and what it had sent
   * before is stored before this resolves: the route that changed the access answers after, so
   * nothing the socket sends once the right is gone is stored.
   */
  async function recheck(change: AccessChange) {
    const concerned = [...rooms.values()].flatMap((room) =>
      [...room.conns].filter((c) => change.kind === "space" || c.userId === change.userId).map((conn) => ({ room, conn })),
    );
    await Promise.all(
      concerned.map(async ({ room, conn }) => {
        const check = (async () => {
          const access = await documentAccess(db, conn.sessionToken, conn.documentId, inactivityMs);
          if (!access.ok) return conn.close(closeFor(change, access.refusal));
          const readOnly = !access.canEdit;
          if (readOnly && !conn.readOnly) conn.send(permissionDenied(COLLAB_READ_ONLY_REASON));
          conn.readOnly = readOnly;
          conn.toldReadOnly = readOnly;
        })().catch((err: unknown) => {
          // Unable to confirm the access: the socket goes rather than stay open on a stale right.
          conn.log("nouvelle vérification d'accès impossible", err);
          conn.close(COLLAB_CLOSE.storageFailed);
        });
        const previous = conn.hold;
        const hold = Promise.all([previous, check]).then(() => {
          if (conn.hold === hold) conn.hold = null;
        });
        conn.hold = hold;
        await hold;
        await room.idle();
      }),
    );
  }

  // Resolves once every instance has re-checked its sockets (see Fanout.publishAccess).
  const unsubscribe = s.bus.onAccessChanged((change) => Promise.all([fanout?.publishAccess(change), recheck(change)]).then(() => {}));

  // Dead sockets (no pong since the last ping) are closed; the others are pinged again.
  const pinger = setInterval(() => {
    for (const room of rooms.values()) {
      for (const conn of room.conns) {
        try {
          if (!conn.alive) {
            conn.ws.terminate();
            continue;
          }
          conn.alive = false;
          conn.ws.ping();
        } catch (err) {
          conn.log("ping impossible", err);
          conn.ws.terminate();
        }
      }
    }
  }, config.COLLAB_PING_MS);
  pinger.unref();
  const sessions = startSessionCheck(db, () => [...rooms.values()].flatMap((room) => [...room.conns]), {
    everyMs: config.COLLAB_SESSION_CHECK_MS,
    inactivityMs,
  });

  server.on("upgrade", onUpgrade);
  return {
    rooms,
    async close() {
      server.off("upgrade", onUpgrade);
      unsubscribe();
      clearInterval(pinger);
      await sessions.stop();
      const open = [...rooms.values()];
      rooms.clear();
      for (const room of open) for (const conn of room.conns) conn.close(COLLAB_CLOSE.shuttingDown);
      for (const ws of wss.clients) ws.terminate();
      // What was accepted is stored before the database closes.
      const disposals = open.map((room) => room.ready.catch(() => {}).then(() => room.dispose()));
      await Promise.all([...disposals, ...disposing.values()]);
      stopServingLive();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await fanout?.close();
    },
  };
}

/** The document id from the path, or null when its percent-encoding is malformed. */
const decodeSegment = (segment: string) => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
};

/**
 * The close code for a socket whose re-check failed: a logout says the session ended; a right
 * withdrawn otherwise (deactivation included) says so, a document gone says it is gone.
 */
const closeFor = (change: AccessChange, refusal: CollabClose) => {
  if (change.kind === "session" && refusal === COLLAB_CLOSE.unauthenticated) return refusal;
  return refusal === COLLAB_CLOSE.notFound ? refusal : COLLAB_CLOSE.accessRemoved;
};

const headerOf = (req: IncomingMessage, name: string) => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};
