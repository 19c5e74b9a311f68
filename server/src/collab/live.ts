/**
 * Server-side edits of a live document (a version restore), and the versions tracker fed by the
 * rooms. The collaboration server registers its open rooms here, by database, when it starts.
 */
import * as Y from "yjs";
import type { Services } from "../context.js";
import type { Db } from "../db/index.js";
import type { Bus } from "../events/bus.js";
import { editsStored, startTracker } from "../versions/tracker.js";
import type { Fanout } from "./fanout.js";
import type { Room } from "./room.js";
import { appendUpdate, loadYDoc } from "./store.js";

interface Live {
  rooms: Map<string, Room>;
  fanout: Fanout | null;
  bus: Bus;
}

const lives = new WeakMap<Db, Live>();

export function registerLive(s: Services, rooms: Map<string, Room>, fanout: Fanout | null) {
  lives.set(s.db, { rooms, fanout, bus: s.bus });
  const tracker = startTracker(s.db, s.config);
  return {
    async close() {
      lives.delete(s.db);
      await tracker.close();
    },
  };
}

/**
 * Changes the document as `userId`, in one Yjs transaction: through its open room when there is
 * one on this instance (stored, then sent to every connected editor and to the other instances);
 * otherwise appended to the log and sent to the other instances. Resolves once stored.
 */
export async function editLive(db: Db, documentId: string, userId: string, change: (doc: Y.Doc) => void) {
  const room = lives.get(db)?.rooms.get(documentId);
  if (room) {
    await room.ready;
    // The room stores and relays it like an editor's update; the origin names who made it.
    room.doc.transact(() => change(room.doc), { userId });
    await room.idle();
    return;
  }
  const doc = await loadYDoc(db, documentId);
  try {
    let update: Uint8Array | null = null;
    doc.on("update", (u: Uint8Array) => (update = u));
    doc.transact(() => change(doc));
    if (!update) return;
    const live = lives.get(db);
    await appendUpdate(db, documentId, update, live?.bus);
    editsStored(db, documentId, [userId]);
    live?.fanout?.publish(documentId, "update", update);
    // A room opened meanwhile may have read the log before this write: it gets the update too.
    live?.rooms.get(documentId)?.applyRemote("update", update);
  } finally {
    doc.destroy();
  }
}
