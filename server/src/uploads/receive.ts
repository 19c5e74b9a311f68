/**
 * One piece of a resumable upload: the bytes a PATCH carries from the session's offset. Every
 * full part goes to storage and is recorded as soon as it completes; when the request ends,
 * normally or cut, the bytes after the last full part are kept as the session's tail: nothing
 * that reached the server is lost, and the client resumes from the offset it is told.
 */
import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import type { Context } from "hono";
import { createSHA256, type IHasher } from "hash-wasm";
import type { Services } from "../context.js";
import { badRequest, HttpError, notFound } from "../http/errors.js";
import type { NewVersion } from "../files/queries.js";
import { sniff, SNIFF_BYTES } from "../files/sniff.js";
import { clientGone, discard, requestBody } from "../files/upload.js";
import { PartCutter } from "../storage/parts.js";
import { commitProgress, type Progress, type SessionRow } from "./queries.js";
import { uploadsInFlight } from "../metrics/registry.js";

/** Parts of 8 MB: S3 wants at least 5 MB; a cut loses nothing, so larger parts cost nothing. */
export const UPLOAD_PART_BYTES = 8 * 1024 * 1024;

const overflow = () =>
  new HttpError(400, "upload_overflow", "Les données envoyées dépassent la taille annoncée du fichier.", undefined, {
    connection: "close",
  });

/** Another request took the session over (the client resumed while this one hung): this one stops. */
class Superseded extends Error {}

const superseded = () =>
  new HttpError(409, "upload_superseded", "Cet envoi a repris par une autre connexion : celle-ci s'arrête.");

async function resumeHash(state: Uint8Array | null): Promise<IHasher> {
  const hasher = await createSHA256();
  if (!state) return hasher.init();
  try {
    return hasher.load(state);
  } catch {
    // Saved by an incompatible build: the upload cannot go on.
    throw notFound("Cet envoi ne peut pas reprendre : déposez à nouveau le fichier.");
  }
}

export interface Piece {
  /** Set when the last byte arrived: the stored file, ready to be recorded. */
  version: NewVersion | null;
  /** The session's offset after this piece. */
  received: number;
  /**
   * With `version`: the tail the session still points at, whose bytes are now in the file. It is
   * removed once the file is recorded, not before: until then the session may still need it.
   */
  staleTail: string | null;
}

/** Receives the body of a PATCH into a session the request holds the `lease` of (see takeLease). */
export async function receivePiece(s: Services, c: Context, session: SessionRow, lease: string): Promise<Piece> {
  uploadsInFlight.inc();
  try {
    return await receiveInto(s, c, session, lease);
  } finally {
    uploadsInFlight.dec();
  }
}

async function receiveInto(s: Services, c: Context, session: SessionRow, lease: string): Promise<Piece> {
  const size = Number(session.size);
  const key = session.storage_key;

  const hasher = await resumeHash(session.hash_state);
  const cutter = new PartCutter(UPLOAD_PART_BYTES);
  const state: Omit<Progress, "hashState" | "head"> & { head: Buffer } = {
    multipartId: session.multipart_id,
    parts: [...session.parts],
    tailKey: session.tail_key,
    received: Number(session.received),
    head: Buffer.from(session.head),
  };
  let oldTail = session.tail_key;
  // The old tail's bytes are already in the hash: the next part starts with them.
  let hashed = 0;
  if (oldTail) {
    const tail = await buffer(await s.storage.get(oldTail));
    cutter.push(tail);
    hashed = tail.length;
  }

  /** Records the state, with the hash as it stood at `state.received`. */
  const commit = async (hashState: Uint8Array) => {
    if (!(await commitProgress(s.db, session.id, lease, { ...state, hashState }))) throw new Superseded();
  };
  /** Once a commit no longer points at the old tail, its bytes can go. */
  const dropOldTail = async () => {
    if (oldTail && state.tailKey !== oldTail) {
      await discard(s, oldTail);
      oldTail = null;
    }
  };
  /** Stores part `number` and records it; parts go one after the other, in order. */
  const storePart = async (part: Buffer, number: number, hashState: Uint8Array) => {
    state.multipartId ??= await s.storage.multipart.start(key);
    state.parts.push(await s.storage.multipart.putPart(key, state.multipartId, number, part));
    state.received = state.parts.length * UPLOAD_PART_BYTES;
    state.tailKey = null;
    await commit(hashState);
    await dropOldTail();
  };

  const { body, isNode } = requestBody(c);
  let position = state.received;
  let stop: unknown = null;
  // The part being stored while the next one arrives: receiving overlaps sending to storage.
  let storing: Promise<void> = Promise.resolve();
  let parts = state.parts.length;
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      if (position + chunk.length > size) throw overflow();
      position += chunk.length;
      if (state.head.length < SNIFF_BYTES) state.head = Buffer.concat([state.head, chunk.subarray(0, SNIFF_BYTES - state.head.length)]);
      for (const part of cutter.push(chunk)) {
        hasher.update(part.subarray(hashed));
        hashed = 0;
        const hashState = hasher.save();
        await storing;
        storing = storePart(part, ++parts, hashState);
        // Failures surface at the next part or below; this only keeps them from going unhandled.
        storing.catch(() => {});
      }
    }
    await storing;
  } catch (err) {
    stop = err;
    body.destroy();
  }
  // Whatever stopped the body, the part on its way must land before anything else is recorded.
  const failed = await storing.then(
    () => null,
    (err: unknown) => err,
  );
  if (failed instanceof Superseded || stop instanceof Superseded) throw superseded();
  // A part that could not be stored: what came after it cannot be kept either.
  if (failed) throw failed;

  const rest = cutter.rest();
  try {
    if (stop === null && position === size) {
      hasher.update(rest.subarray(hashed));
      if (state.multipartId) {
        if (rest.length > 0) state.parts.push(await s.storage.multipart.putPart(key, state.multipartId, state.parts.length + 1, rest));
        await s.storage.multipart.complete(key, state.multipartId, state.parts);
      } else {
        await s.storage.put(key, Readable.from([rest]), { maxBytes: size, size });
      }
      const version = {
        key,
        originalName: session.original_name,
        size,
        sha256: hasher.digest("hex"),
        mimeType: await sniff(state.head, session.original_name),
      };
      return { version, received: size, staleTail: oldTail };
    }
    if (rest.length > hashed) {
      // Bytes arrived since the last full part: they become the tail, even after a cut.
      hasher.update(rest.subarray(hashed));
      const tailKey = `uploads/${session.id}-${randomUUID()}`;
      await s.storage.put(tailKey, Readable.from([rest]), { maxBytes: UPLOAD_PART_BYTES });
      state.tailKey = tailKey;
      state.received = state.parts.length * UPLOAD_PART_BYTES + rest.length;
      try {
        await commit(hasher.save());
      } catch (err) {
        await discard(s, tailKey);
        throw err;
      }
      await dropOldTail();
    }
  } catch (err) {
    throw err instanceof Superseded ? superseded() : err;
  }
  if (stop !== null) {
    throw clientGone(c, stop, isNode)
      ? badRequest("upload_interrupted", "L'envoi a été interrompu : il reprendra là où il s'est arrêté.")
      : stop;
  }
  return { version: null, received: state.received, staleTail: null };
}
