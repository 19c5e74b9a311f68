import { createReadStream, createWriteStream } from "node:fs";
import { access, mkdir, readdir, rename, rm, stat, constants } from "node:fs/promises";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { pipeline } from "node:stream/promises";
import type { Readable } from "node:stream";
import { limited } from "./limit.js";
import { assertKey, type ByteRange, type PutOptions, type Storage } from "./types.js";

/** Writes go to a temporary file renamed into place at the end: a cut upload leaves nothing. */
const TMP = ".partial";

export function localStorage(root: string): Storage {
  const dir = path.resolve(root);
  const pathOf = (key: string) => {
    assertKey(key);
    return path.join(dir, key);
  };

  return {
    kind: "local",
    async init() {
      await mkdir(path.join(dir, TMP), { recursive: true });
    },
    async check() {
      await access(dir, constants.W_OK);
    },
    async put(key: string, body: Readable, opts: PutOptions) {
      const final = pathOf(key);
      const tmp = path.join(dir, TMP, randomUUID());
      const { stream, bytes } = limited(body, opts.maxBytes);
      const out = createWriteStream(tmp, { flags: "wx" });
      try {
        await pipeline(stream, out);
        await mkdir(path.dirname(final), { recursive: true });
        await rename(tmp, final);
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
      return createReadStream(file, range ? { start: range.start, end: range.end } : {});
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
        if (e.isFile() && !rel.startsWith(`${TMP}/`)) yield rel;
      }
    },
  };
}
