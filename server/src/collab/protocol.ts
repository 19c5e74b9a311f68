/**
 * The y-websocket wire format: each frame holds one message, a varuint type then its body.
 * Sync messages (y-protocols/sync), awareness, the auth message that tells a read-only client
 * it may not write, and the request for everyone's awareness.
 */
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as Y from "yjs";

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;

export const SYNC_STEP1 = 0;
export const SYNC_STEP2 = 1;
export const SYNC_UPDATE = 2;

const frame = (write: (e: encoding.Encoder) => void) => {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
};

export const syncStep1 = (doc: Y.Doc) =>
  frame((e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC);
    encoding.writeVarUint(e, SYNC_STEP1);
    encoding.writeVarUint8Array(e, Y.encodeStateVector(doc));
  });

export const syncStep2 = (doc: Y.Doc, stateVector: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC);
    encoding.writeVarUint(e, SYNC_STEP2);
    encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(doc, stateVector));
  });

export const syncUpdate = (update: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC);
    encoding.writeVarUint(e, SYNC_UPDATE);
    encoding.writeVarUint8Array(e, update);
  });

export const awarenessMessage = (update: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(e, update);
  });

/** y-protocols/auth "permission denied", which the stock client reports with the reason. */
export const permissionDenied = (reason: string) =>
  frame((e) => {
    encoding.writeVarUint(e, MESSAGE_AUTH);
    encoding.writeVarUint(e, 0);
    encoding.writeVarString(e, reason);
  });

export type Incoming =
  | { type: "step1"; stateVector: Uint8Array }
  | { type: "update"; update: Uint8Array; step2: boolean }
  | { type: "awareness"; update: Uint8Array }
  | { type: "queryAwareness" }
  | { type: "auth" };

/** Reads one message; throws on anything that is not a well-formed message of the protocol. */
export function readMessage(data: Uint8Array): Incoming {
  const d = decoding.createDecoder(data);
  const type = decoding.readVarUint(d);
  switch (type) {
    case MESSAGE_SYNC: {
      const sub = decoding.readVarUint(d);
      const body = decoding.readVarUint8Array(d);
      if (sub === SYNC_STEP1) return { type: "step1", stateVector: body };
      if (sub === SYNC_STEP2 || sub === SYNC_UPDATE) return { type: "update", update: body, step2: sub === SYNC_STEP2 };
      throw new Error(`unknown sync message ${sub}`);
    }
    case MESSAGE_AWARENESS:
      return { type: "awareness", update: decoding.readVarUint8Array(d) };
    case MESSAGE_QUERY_AWARENESS:
      return { type: "queryAwareness" };
    case MESSAGE_AUTH:
      return { type: "auth" };
    default:
      throw new Error(`unknown message type ${type}`);
  }
}

/**
 * Whether an update would change the document: structs it does not hold yet, or deletions of
 * content it has not deleted. A read-only client's sync step 2 usually carries neither.
 */
export const carriesNewContent = (doc: Y.Doc, update: Uint8Array) => !Y.snapshotContainsUpdate(Y.snapshot(doc), update);

export interface PresenceEntry {
  clientId: number;
  clock: number;
  /** The state as JSON text, as it travels. */
  state: string;
}

/**
 * A presence (awareness) update's entries, read as y-protocols encodes it: a count, then each
 * client id, clock and JSON state. Throws on anything malformed, so that what is applied
 * afterwards cannot fail halfway.
 */
export function readPresence(update: Uint8Array): PresenceEntry[] {
  const d = decoding.createDecoder(update);
  const entries: PresenceEntry[] = [];
  for (let n = decoding.readVarUint(d); n > 0; n--) {
    const clientId = decoding.readVarUint(d);
    const clock = decoding.readVarUint(d);
    const state = decoding.readVarString(d);
    JSON.parse(state);
    entries.push({ clientId, clock, state });
  }
  return entries;
}

export const encodePresence = (entries: PresenceEntry[]) =>
  frame((e) => {
    encoding.writeVarUint(e, entries.length);
    for (const entry of entries) {
      encoding.writeVarUint(e, entry.clientId);
      encoding.writeVarUint(e, entry.clock);
      encoding.writeVarString(e, entry.state);
    }
  });
