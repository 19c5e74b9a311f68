/**
 * The open rooms as the documents' content sees them: a server-side change of a document (a
 * version restore, asked of documents/content.ts) goes through its open room on this instance,
 * and content stored without a room here reaches the other instances' rooms and one opened meanwhile.
 */
import type { LiveCopies } from "../documents/content.js";
import type { Fanout } from "./fanout.js";
import type { Room } from "./room.js";

export function liveCopies(rooms: Map<string, Room>, fanout: Fanout | null): LiveCopies {
  return {
    async edit(documentId, userId, change) {
      const room = rooms.get(documentId);
      if (!room) return false;
      await room.ready;
      // The room stores and relays it like an editor's update; the origin names who made it, if anyone.
      room.doc.transact(() => change(room.doc), userId ? { userId } : null);
      await room.idle();
      return true;
    },
    relay(documentId, update) {
      fanout?.publish(documentId, "update", update);
      // A room opened meanwhile may have read the log before this write: it gets the update too.
      rooms.get(documentId)?.applyRemote("update", update);
    },
  };
}
