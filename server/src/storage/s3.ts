import { Client } from "minio";
import type { Readable } from "node:stream";
import { limited } from "./limit.js";
import { PartCutter } from "./parts.js";
import { assertKey, type ByteRange, type Multipart, type PartRef, type PutOptions, type Storage } from "./types.js";
import { log } from "../logging/logger.js";

export interface S3Options {
  endpoint: string;
  accessKey: string;
  secretKey: string;
  bucket: string;
  region: string;
}

/**
 * A stream is sent in parts of 8 MB, two at a time while the next one is being received:
 * memory stays under 32 MB per upload whatever the file size, and receiving overlaps sending
 * (the minio client's own putObject sends one part after the other). 10,000 parts allow 80 GB.
 */
const PART_SIZE = 8 * 1024 * 1024;
const PARTS_IN_FLIGHT = 2;

const isMissing = (err: unknown) => {
  const code = (err as { code?: string }).code;
  return code === "NotFound" || code === "NoSuchKey" || code === "NoSuchUpload";
};

export function s3Storage(o: S3Options): Storage {
  const url = new URL(o.endpoint);
  const useSSL = url.protocol === "https:";
  const client = new Client({
    endPoint: url.hostname,
    port: url.port ? Number(url.port) : useSSL ? 443 : 80,
    useSSL,
    accessKey: o.accessKey,
    secretKey: o.secretKey,
    region: o.region,
    pathStyle: true,
  });
  const bucket = o.bucket;
  const octets = { "Content-Type": "application/octet-stream" };

  const multipart: Multipart = {
    start: (key) => {
      assertKey(key);
      return client.initiateNewMultipartUpload(bucket, key, { ...octets });
    },
    async putPart(key, uploadId, part, bytes) {
      assertKey(key);
      const { etag } = await client.uploadPart({ bucketName: bucket, objectName: key, uploadID: uploadId, partNumber: part, headers: {} }, bytes);
      return { part, etag };
    },
    async complete(key, uploadId, parts) {
      assertKey(key);
      await client.completeMultipartUpload(bucket, key, uploadId, parts);
    },
    async abort(key, uploadId) {
      assertKey(key);
      await client.abortMultipartUpload(bucket, key, uploadId).catch((err: unknown) => {
        if (!isMissing(err)) throw err;
      });
    },
  };

  /** Sends the parts of one object, a few at a time; the first failure fails the upload. */
  async function putParts(key: string, head: Buffer[], rest: AsyncIterable<Buffer>): Promise<void> {
    const uploadId = await multipart.start(key);
    const refs: PartRef[] = [];
    const inFlight = new Set<Promise<void>>();
    let part = 0;
    const send = async (bytes: Buffer) => {
      const p = multipart.putPart(key, uploadId, ++part, bytes).then((ref) => {
        refs.push(ref);
      });
      inFlight.add(p);
      // Settled parts leave the set; a failure is seen by the race or the final wait below.
      p.then(() => inFlight.delete(p), () => {});
      if (inFlight.size >= PARTS_IN_FLIGHT) await Promise.race(inFlight);
    };
    try {
      for (const bytes of head) await send(bytes);
      for await (const bytes of rest) await send(bytes);
      await Promise.all(inFlight);
      await multipart.complete(key, uploadId, refs.sort((a, b) => a.part - b.part));
    } catch (err) {
      await Promise.allSettled(inFlight);
      // A cut or refused upload leaves no parts behind.
      await multipart
        .abort(key, uploadId)
        .catch((cleanup: Error) => log.error({ err: cleanup }, `[storage] parts of ${key} left behind`));
      throw err;
    }
  }

  return {
    kind: "s3",
    multipart,
    async init() {
      if (!(await client.bucketExists(bucket))) await client.makeBucket(bucket, o.region);
    },
    async check() {
      if (!(await client.bucketExists(bucket))) throw new Error(`bucket ${bucket} is missing`);
    },
    async put(key: string, body: Readable, opts: PutOptions) {
      assertKey(key);
      const { stream, bytes } = limited(body, opts.maxBytes);
      const cutter = new PartCutter(PART_SIZE);
      const parts = (async function* () {
        for await (const chunk of stream) yield* cutter.push(chunk as Buffer);
        if (cutter.rest().length > 0) yield cutter.rest();
      })();
      const first = await parts.next();
      const second = first.done ? undefined : await parts.next();
      if (first.done || !second || second.done) {
        // Zero or one part: one plain request.
        await client.putObject(bucket, key, first.done ? Buffer.alloc(0) : first.value, undefined, { ...octets });
      } else {
        await putParts(key, [first.value, second.value], parts);
      }
      return { size: bytes() };
    },
    async get(key: string, range?: ByteRange) {
      assertKey(key);
      return range
        ? client.getPartialObject(bucket, key, range.start, range.end - range.start + 1)
        : client.getObject(bucket, key);
    },
    async stat(key: string) {
      assertKey(key);
      try {
        return { size: (await client.statObject(bucket, key)).size };
      } catch (err) {
        if (isMissing(err)) return null;
        throw err;
      }
    },
    async delete(key: string) {
      assertKey(key);
      await client.removeObject(bucket, key);
    },
    async *list() {
      for await (const item of client.listObjectsV2(bucket, "", true)) {
        if (item.name) yield item.name;
      }
    },
  };
}
