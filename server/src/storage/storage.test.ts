/** The same behaviour from both backends: a local folder, and a real S3 endpoint (s3rver). */
import { createHash } from "node:crypto";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { text } from "node:stream/consumers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localStorage } from "./local.js";
import { s3Storage } from "./s3.js";
import { startTestS3 } from "./test-s3.js";
import { MIN_PART_BYTES, TooLargeError, type Storage } from "./types.js";

const MB = 1024 * 1024;
const key = () => `t/${Math.random().toString(36).slice(2)}`;

/** `total` bytes of a repeating pattern, produced lazily; `produced()` tells how far a reader got. */
function source(total: number, opts: { failAt?: number } = {}) {
  let sent = 0;
  const chunk = Buffer.alloc(64 * 1024, "atelier ");
  const stream = new Readable({
    read() {
      if (opts.failAt !== undefined && sent >= opts.failAt) return this.destroy(new Error("connexion coupée"));
      if (sent >= total) return this.push(null);
      const n = Math.min(chunk.length, total - sent);
      sent += n;
      this.push(chunk.subarray(0, n));
    },
  });
  return { stream, produced: () => sent };
}

async function keys(storage: Storage) {
  const all: string[] = [];
  for await (const k of storage.list()) all.push(k);
  return all;
}

interface Backend {
  storage: Storage;
  /** Multipart uploads still holding parts. */
  incomplete(): Promise<string[]>;
  close(): Promise<void>;
}

const backends: [string, () => Promise<Backend>][] = [
  [
    "local folder",
    async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), "atelier-files-"));
      return {
        storage: localStorage(dir),
        incomplete: () => readdir(path.join(dir, ".multipart")),
        close: () => rm(dir, { recursive: true, force: true }),
      };
    },
  ],
  [
    "S3 (s3rver)",
    async () => {
      const s3 = await startTestS3();
      const e = s3.env;
      const storage = s3Storage({
        endpoint: e.S3_ENDPOINT,
        accessKey: e.S3_ACCESS_KEY,
        secretKey: e.S3_SECRET_KEY,
        bucket: e.S3_BUCKET,
        region: "us-east-1",
      });
      return { storage, incomplete: () => s3.incompleteUploads(), close: () => s3.close() };
    },
  ],
];

describe.each(backends)("storage: %s", (_name, open) => {
  let storage: Storage;
  let incomplete: () => Promise<string[]>;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ storage, incomplete, close } = await open());
    await storage.init();
    // Creating the folder or the bucket again is harmless.
    await storage.init();
  });
  afterAll(() => close());

  it("stores, describes, reads and removes an object", async () => {
    const k = key();
    const put = await storage.put(k, Readable.from([Buffer.from("Bonjour "), Buffer.from("Grand-Sud")]), { maxBytes: MB });
    expect(put.size).toBe(17);
    expect(await storage.stat(k)).toEqual({ size: 17 });
    expect(await text(await storage.get(k))).toBe("Bonjour Grand-Sud");
    expect(await keys(storage)).toContain(k);
    await storage.check();
    await storage.delete(k);
    expect(await storage.stat(k)).toBeNull();
    expect(await keys(storage)).not.toContain(k);
    await storage.delete(k);
  });

  it("reads a byte range", async () => {
    const k = key();
    await storage.put(k, Readable.from([Buffer.from("0123456789")]), { maxBytes: MB, size: 10 });
    expect(await text(await storage.get(k, { start: 2, end: 5 }))).toBe("2345");
    expect(await text(await storage.get(k, { start: 9, end: 9 }))).toBe("9");
  });

  it("says a missing object is missing", async () => {
    expect(await storage.stat("absent")).toBeNull();
    await expect(storage.get("absent")).rejects.toThrow();
  });

  it("stops reading at the size limit and keeps nothing", async () => {
    const before = await keys(storage);
    const k = key();
    const src = source(64 * MB);
    await expect(storage.put(k, src.stream, { maxBytes: MB })).rejects.toBeInstanceOf(TooLargeError);
    // The limit bites while streaming: far less than the whole body was ever read.
    expect(src.produced()).toBeLessThan(16 * MB);
    expect(await storage.stat(k)).toBeNull();
    expect(await keys(storage)).toEqual(before);
  });

  it("keeps nothing of a stream cut midway, small or multipart", async () => {
    const before = await keys(storage);
    for (const failAt of [256 * 1024, 12 * MB]) {
      const k = key();
      await expect(storage.put(k, source(20 * MB, { failAt }).stream, { maxBytes: 50 * MB })).rejects.toThrow(
        "connexion coupée",
      );
      expect(await storage.stat(k)).toBeNull();
    }
    expect(await keys(storage)).toEqual(before);
    expect(await incomplete()).toEqual([]);
  });

  it("streams a file larger than a part (multipart on S3) and returns it intact", async () => {
    const k = key();
    const total = 20 * MB + 123;
    const hashIn = createHash("sha256");
    const src = source(total);
    src.stream.on("data", (c: Buffer) => hashIn.update(c));
    expect((await storage.put(k, src.stream, { maxBytes: 50 * MB })).size).toBe(total);
    const hashOut = createHash("sha256");
    for await (const c of await storage.get(k)) hashOut.update(c as Buffer);
    expect(hashOut.digest("hex")).toBe(hashIn.digest("hex"));
    expect(await storage.stat(k)).toEqual({ size: total });
  });

  it("assembles an object from parts sent at different times, in any order, some twice", async () => {
    const before = await keys(storage);
    const k = key();
    const partA = Buffer.alloc(MIN_PART_BYTES, "a");
    const partB = Buffer.alloc(MIN_PART_BYTES, "b");
    const id = await storage.multipart.start(k);
    const b = await storage.multipart.putPart(k, id, 2, partB);
    await storage.multipart.putPart(k, id, 1, Buffer.alloc(MIN_PART_BYTES, "x"));
    // Sending a part again (a resumed upload) replaces it.
    const a = await storage.multipart.putPart(k, id, 1, partA);
    const c = await storage.multipart.putPart(k, id, 3, Buffer.from("fin"));
    // Unfinished parts are not objects.
    expect(await keys(storage)).toEqual(before);
    expect(await incomplete()).toContain(id);
    await storage.multipart.complete(k, id, [a, b, c]);
    expect(await incomplete()).not.toContain(id);
    const out: Buffer[] = [];
    for await (const chunk of await storage.get(k)) out.push(chunk as Buffer);
    expect(Buffer.concat(out).equals(Buffer.concat([partA, partB, Buffer.from("fin")]))).toBe(true);
    expect(await storage.stat(k)).toEqual({ size: 2 * MIN_PART_BYTES + 3 });
  });

  it("drops the parts of an aborted upload, and aborting twice is harmless", async () => {
    const before = await keys(storage);
    const k = key();
    const id = await storage.multipart.start(k);
    await storage.multipart.putPart(k, id, 1, Buffer.alloc(MIN_PART_BYTES, "a"));
    await storage.multipart.abort(k, id);
    await storage.multipart.abort(k, id);
    await expect(storage.multipart.complete(k, id, [{ part: 1, etag: "1" }])).rejects.toThrow();
    expect(await storage.stat(k)).toBeNull();
    expect(await keys(storage)).toEqual(before);
    expect(await incomplete()).toEqual([]);
  });

  it("refuses keys that could escape", async () => {
    await expect(storage.put("../evil", Readable.from(["x"]), { maxBytes: MB })).rejects.toThrow("invalid storage key");
    await expect(storage.stat("a/../../b")).rejects.toThrow("invalid storage key");
  });
});

describe("storage: local folder leftovers", () => {
  it("leaves no temporary file after a refused upload", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "atelier-files-"));
    const storage = localStorage(dir);
    await storage.init();
    await expect(storage.put(key(), source(4 * MB).stream, { maxBytes: MB })).rejects.toBeInstanceOf(TooLargeError);
    expect(await readdir(path.join(dir, ".partial"))).toEqual([]);
    // Nor a part folder after an aborted multipart upload.
    const id = await storage.multipart.start("t/parts");
    await storage.multipart.putPart("t/parts", id, 1, Buffer.from("x"));
    await storage.multipart.abort("t/parts", id);
    expect(await readdir(path.join(dir, ".multipart"))).toEqual([]);
    await expect(storage.multipart.abort("t/parts", "../../etc")).rejects.toThrow("invalid upload id");
    await rm(dir, { recursive: true, force: true });
  });
});
