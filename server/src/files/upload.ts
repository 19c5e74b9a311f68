/**
 * Receiving a file. Uploads stream through the server rather than going straight to storage
 * with presigned URLs: one access check by the same policy as everything else, the type sniffed
 * from the real bytes, the SHA-256 computed on the way, the size limit enforced as bytes arrive,
 * and no storage URL ever handed out (nothing to leak or replay). Memory stays flat: the body is
 * never held whole, only a part at a time (see storage/s3.ts) and the first bytes for sniffing.
 */
import { createHash, randomUUID } from "node:crypto";
import { pipeline, Readable, Transform } from "node:stream";
import type { ReadableStream as NodeWebStream } from "node:stream/web";
import type { IncomingMessage } from "node:http";
import type { Context } from "hono";
import type { Services } from "../context.js";
import { badRequest, HttpError } from "../http/errors.js";
import { TooLargeError } from "../storage/index.js";
import type { NewVersion } from "./queries.js";
import { sniff, SNIFF_BYTES } from "./sniff.js";
import { log } from "../logging/logger.js";
import { uploadsInFlight } from "../metrics/registry.js";

/** The routes whose body is a file: they skip the JSON body limit and enforce FILE_MAX_BYTES. */
export function isFileUpload(method: string, path: string): boolean {
  return (
    (method === "POST" && /^\/api\/(spaces\/[^/]+\/files|files\/[^/]+\/versions|documents\/[^/]+\/attachments)$/.test(path)) ||
    (method === "PATCH" && /^\/api\/uploads\/[^/]+$/.test(path))
  );
}

const megabytes = (n: number) => `${Math.round((n / (1024 * 1024)) * 10) / 10} Mo`;

function tooLarge(max: number) {
  return new HttpError(
    413,
    "file_too_large",
    `Le fichier dépasse la taille maximale autorisée (${megabytes(max)}). Il n'a pas été enregistré.`,
    undefined,
    // The rest of the body is not read: the connection cannot serve another request.
    { connection: "close" },
  );
}

/** Hashes the bytes and keeps the first ones for sniffing, as they flow to storage. */
function inspector() {
  const hash = createHash("sha256");
  const head: Buffer[] = [];
  let headBytes = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      if (headBytes < SNIFF_BYTES) {
        head.push(chunk.subarray(0, SNIFF_BYTES - headBytes));
        headBytes += Math.min(chunk.length, SNIFF_BYTES - headBytes);
      }
      done(null, chunk);
    },
  });
  return { stream, sha256: () => hash.digest("hex"), head: () => Buffer.concat(head) };
}

const emptyFile = () => badRequest("empty_file", "Le fichier est vide : il n'a pas été enregistré.");

/** Refuses, before any byte is read, a size announced as empty or above the limit. */
export function checkAnnouncedSize(size: number | undefined, max: number): void {
  if (size !== undefined && size > max) throw tooLarge(max);
  if (size === 0) throw emptyFile();
}

export const interrupted = () =>
  badRequest("upload_interrupted", "Le dépôt a été interrompu avant la fin : rien n'a été enregistré.");

/**
 * The request body as a Node stream: the Node request itself when served by @hono/node-server
 * (c.req.raw.body is then never touched: converting to a web stream and back costs much of the
 * throughput), the web body otherwise (tests calling app.fetch).
 */
export function requestBody(c: Context): { body: Readable; isNode: boolean } {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (incoming) return { body: incoming, isNode: true };
  return {
    body: c.req.raw.body ? Readable.fromWeb(c.req.raw.body as NodeWebStream<Uint8Array>) : Readable.from([]),
    isNode: false,
  };
}

/** A client that went away is not a server fault: it is told (if it still listens) rather than logged. */
export const clientGone = (c: Context, err: unknown, isNode: boolean) =>
  (err as NodeJS.ErrnoException).code === "ECONNRESET" || (!isNode && c.req.raw.signal.aborted);

/** Removes bytes that must not stay; if storage refuses, the purge will try again. */
export async function discard(s: Pick<Services, "db" | "storage">, key: string): Promise<void> {
  try {
    await s.storage.delete(key);
  } catch (err) {
    log.error({ err }, `[files] removal of ${key} failed, queued for the purge`);
    await s.db.query("INSERT INTO storage_garbage (key) VALUES ($1) ON CONFLICT DO NOTHING", [key]);
  }
}

/**
 * Streams the request body into storage under a new key. Refuses an empty or oversized file
 * (nothing stored); returns what the version row needs.
 */
export async function receive(s: Services, c: Context, originalName: string): Promise<NewVersion> {
  const max = s.config.FILE_MAX_BYTES;
  const declared = c.req.header("content-length");
  const size = declared !== undefined && /^\d+$/.test(declared) ? Number(declared) : undefined;
  checkAnnouncedSize(size, max);

  const key = `files/${randomUUID()}`;
  const seen = inspector();
  const { body, isNode } = requestBody(c);
  // pipeline, not pipe: a client that disconnects must fail the upload, not leave it waiting.
  pipeline(body, seen.stream, () => {});
  let stored: number;
  uploadsInFlight.inc();
  try {
    stored = (await s.storage.put(key, seen.stream, { maxBytes: max, size })).size;
  } catch (err) {
    if (err instanceof TooLargeError) throw tooLarge(max);
    if (clientGone(c, err, isNode)) throw interrupted();
    throw err;
  } finally {
    uploadsInFlight.dec();
  }
  if (stored === 0) {
    await discard(s, key);
    throw emptyFile();
  }
  return {
    key,
    originalName,
    size: stored,
    sha256: seen.sha256(),
    mimeType: await sniff(seen.head(), originalName),
  };
}

/** Stores the body, then runs `write` (one transaction); if that fails, the bytes go too. */
export async function storeThen<T>(s: Services, c: Context, name: string, write: (v: NewVersion) => Promise<T>): Promise<T> {
  const version = await receive(s, c, name);
  try {
    return await write(version);
  } catch (err) {
    await discard(s, version.key);
    throw err;
  }
}
