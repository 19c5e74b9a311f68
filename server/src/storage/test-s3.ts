/// <reference path="./s3rver.d.ts" />
/**
 * A real S3 HTTP endpoint for tests: s3rver on a free port, in a temporary folder.
 *
 * s3rver does not implement ListMultipartUploads (GET /bucket?uploads), which the minio client
 * calls before every multipart upload (to resume one) and to find one to abort: this one call
 * is stubbed with an empty list, answered in front of s3rver. Everything else is s3rver itself.
 * (So on s3rver the parts of a cut multipart upload are not aborted; on MinIO they are.)
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import S3rver from "s3rver";

const NO_UPLOADS = `<?xml version="1.0" encoding="UTF-8"?>
<ListMultipartUploadsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><IsTruncated>false</IsTruncated></ListMultipartUploadsResult>`;

export interface TestS3 {
  env: { S3_ENDPOINT: string; S3_ACCESS_KEY: string; S3_SECRET_KEY: string; S3_BUCKET: string };
  close(): Promise<void>;
}

export async function startTestS3(bucket = `atelier-${Math.random().toString(36).slice(2, 10)}`): Promise<TestS3> {
  const directory = await mkdtemp(path.join(os.tmpdir(), "atelier-s3-"));
  const s3 = new S3rver({ directory, silent: true });
  const handle = s3.callback();
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://s3");
    if (req.method === "GET" && url.searchParams.has("uploads")) {
      res.writeHead(200, { "content-type": "application/xml" }).end(NO_UPLOADS);
      return;
    }
    handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    env: { S3_ENDPOINT: `http://127.0.0.1:${port}`, S3_ACCESS_KEY: "S3RVER", S3_SECRET_KEY: "S3RVER", S3_BUCKET: bucket },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(directory, { recursive: true, force: true });
    },
  };
}
