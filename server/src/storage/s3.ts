import { Client } from "minio";
import type { Readable } from "node:stream";
import { limited } from "./limit.js";
import { assertKey, type ByteRange, type PutOptions, type Storage } from "./types.js";

export interface S3Options {
  endpoint: string;
  accessKey: string;
  secretKey: string;
  bucket: string;
  region: string;
}

/**
 * Parts of a multipart upload are held in memory one at a time by the minio client: a fixed
 * 8 MB keeps an upload's memory flat (its default grows to ~500 MB parts when the size is
 * unknown) while 10,000 parts still allow 80 GB, far above any size limit we would set.
 */
const PART_SIZE = 8 * 1024 * 1024;

const isMissing = (err: unknown) => {
  const code = (err as { code?: string }).code;
  return code === "NotFound" || code === "NoSuchKey";
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
    partSize: PART_SIZE,
  });
  const bucket = o.bucket;

  return {
    kind: "s3",
    async init() {
      if (!(await client.bucketExists(bucket))) await client.makeBucket(bucket, o.region);
    },
    async check() {
      if (!(await client.bucketExists(bucket))) throw new Error(`bucket ${bucket} is missing`);
    },
    async put(key: string, body: Readable, opts: PutOptions) {
      assertKey(key);
      const { stream, bytes } = limited(body, opts.maxBytes);
      try {
        const announced = opts.size !== undefined && opts.size <= opts.maxBytes ? opts.size : undefined;
        await client.putObject(bucket, key, stream, announced, { "Content-Type": "application/octet-stream" });
      } catch (err) {
        // A multipart upload cut midway leaves parts but no object: abort it so no bytes linger.
        await client
          .removeIncompleteUpload(bucket, key)
          .catch((cleanup: Error) => console.error(`[storage] parts of ${key} left behind:`, cleanup.message));
        throw err;
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
