import { createReadStream, createWriteStream } from "node:fs";
import { access, mkdir, readdir, rename, rm, stat, writeFile, constants } from "node:fs/promises";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { pipeline } from "node:stream/promises";
import type { Readable } from "node:stream";
import { limited } from "./limit.js";
import { assertKey, type ByteRange, type Multipart, type PutOptions, type Storage } from "./types.js";

/** Writes go to a temporary file renamed into place at the end: a cut upload leaves nothing. */
const TMP = ".partial";
/** The parts of unfinished multipart uploads, a folder per upload. */
const PARTS = ".multipart";
const UPLOAD_ID = /^[0-9a-f-]{36}$/;

export function localStorage(root: string): Storage {
  const dir = path.resolve(root);
  const pathOf = (key: string) => {
    assertKey(key);
    return path.join(dir, key);
  };

  const partsOf = (uploadId: string) => {
    if (!UPLOAD_ID.test(uploadId)) throw new Error(`invalid upload id: ${uploadId}`);
    return path.join(dir, PARTS, uploadId);
  };

  /** Moves a finished temporary file into place. */
  async function settle(tmp: string, key: string) {
    const final = pathOf(key);
    await mkdir(path.dirname(final), { recursive: true });
    await rename(tmp, final);
  }

  const multipart: Multipart = {
    async start(key) {
      assertKey(key);
      const uploadId = randomUUID();
      await mkdir(partsOf(uploadId), { recursive: true });
      return uploadId;
    },
    async putPart(key, uploadId, part, bytes) {
      assertKey(key);
      const folder = partsOf(uploadId);
      // Written aside then renamed: a part is there whole or not at all.
      const tmp = path.join(dir, TMP, randomUUID());
      await writeFile(tmp, bytes);
      await rename(tmp, path.join(folder, String(part)));
      return { part, etag: String(part) };
    },
    async complete(key, uploadId, parts) {
      const folder = partsOf(uploadId);
      const tmp = path.join(dir, TMP, randomUUID());
      const out = createWriteStream(tmp, { flags: "wx" });
      try {
        await pipeline(
          (async function* () {
            for (const { part } of parts) yield* createReadStream(path.join(folder, String(part)));
          })(),
          out,
        );
        await settle(tmp, key);
      } catch (err) {
        await rm(tmp, { force: true });
        throw err;
      }
      await rm(folder, { recursive: true, force: true });
    },
    async abort(key, uploadId) {
      assertKey(key);
      await rm(partsOf(uploadId), { recursive: true, force: true });
    },
  };

  return {
    kind: "local",
    multipart,
    async init() {
      await mkdir(path.join(dir, TMP), { recursive: true });
      await mkdir(path.join(dir, PARTS), { recursive: true });
    },
    async check() {
      await access(dir, constants.W_OK);
    },
    async put(key: string, body: Readable, opts: PutOptions) {
      assertKey(key);
      const tmp = path.join(dir, TMP, randomUUID());
      const { stream, bytes } = limited(body, opts.maxBytes);
      const out = createWriteStream(tmp, { flags: "wx" });
      try {
        await pipeline(stream, out);
        await settle(tmp, key);
      } catch (err) {
        // A stream cut before its file was even opened would create it after this rm: wait.
        if (!out.closed) await new Promise<void>((resolve) => out.once("close", () => resolve()));
        await rm(tmp, { force: true });
        throw err;
      }
      return { size: bytes() };
    },
    async get(key: string, range?: ByteRange) {
      const file = pathOf(key);
      await access(file, constants.R_OK);
      // Large reads: fewer, bigger chunks on their way to the client.
      return createReadStream(file, { ...(range ? { start: range.start, end: range.end } : {}), highWaterMark: 1024 * 1024 });
    },
    async stat(key: string) {
      const s = await stat(pathOf(key)).catch((err: NodeJS.ErrnoException) => {
        if (err.code === "ENOENT") return null;
        throw err;
      });
      return s ? { size: s.size } : null;
    },
    async delete(key: string) {
      await rm(pathOf(key), { force: true });
    },
    async *list() {
      const entries = await readdir(dir, { recursive: true, withFileTypes: true });
      for (const e of entries) {
        const rel = path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join("/");
        if (e.isFile() && !rel.startsWith(`${TMP}/`) && !rel.startsWith(`${PARTS}/`)) yield rel;
      }
    },
  };
}
