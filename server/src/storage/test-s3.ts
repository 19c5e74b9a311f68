/// <reference path="./s3rver.d.ts" />
/**
 * A real S3 HTTP endpoint for tests: s3rver on a free port, in a temporary folder.
 *
 * Two S3 calls s3rver 3.7 lacks are answered in front of it, and said here:
 * - ListMultipartUploads (GET /bucket?uploads), which the minio client's putObject calls before
 *   every multipart upload: stubbed with an empty list. Atelier sends its parts itself and never
 *   calls it; the benchmark's direct-upload baseline (putObject) does.
 * - AbortMultipartUpload (DELETE /bucket/key?uploadId=…), which Atelier calls when an upload is
 *   cut or cancelled: emulated by removing that upload's parts from s3rver's own folder, as S3
 *   would, so tests can check that no parts are left (`incompleteUploads`).
 * Everything else is s3rver itself.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtemp, readdir, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import S3rver from "s3rver";

const NO_UPLOADS = `<?xml version="1.0" encoding="UTF-8"?>
<ListMultipartUploadsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><IsTruncated>false</IsTruncated></ListMultipartUploadsResult>`;

const NO_SUCH_UPLOAD = `<?xml version="1.0" encoding="UTF-8"?>
<Error><Code>NoSuchUpload</Code><Message>The specified upload does not exist.</Message></Error>`;

export interface TestS3 {
  env: { S3_ENDPOINT: string; S3_ACCESS_KEY: string; S3_SECRET_KEY: string; S3_BUCKET: string };
  /** The multipart uploads started and neither completed nor aborted. */
  incompleteUploads(): Promise<string[]>;
  close(): Promise<void>;
}

/** `port` and `directory`: fixed, for an endpoint that is stopped and started again on the same files (infra/local). */
export async function startTestS3(
  bucket = `atelier-${Math.random().toString(36).slice(2, 10)}`,
  opts: { port?: number; directory?: string } = {},
): Promise<TestS3> {
  const directory = opts.directory ?? (await mkdtemp(path.join(os.tmpdir(), "atelier-s3-")));
  const s3 = new S3rver({ directory, silent: true });
  const handle = s3.callback();
  // Where s3rver keeps the parts of unfinished uploads (its filesystem store's layout).
  const uploadsDir = path.join(directory, bucket, "._S3rver_uploads");
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://s3");
    if (req.method === "GET" && url.searchParams.has("uploads")) {
      res.writeHead(200, { "content-type": "application/xml" }).end(NO_UPLOADS);
      return;
    }
    const uploadId = url.searchParams.get("uploadId");
    if (req.method === "DELETE" && uploadId) {
      const folder = path.join(uploadsDir, path.basename(uploadId));
      void stat(folder).then(
        () => rm(folder, { recursive: true, force: true }).then(() => res.writeHead(204).end()),
        () => res.writeHead(404, { "content-type": "application/xml" }).end(NO_SUCH_UPLOAD),
      );
      return;
    }
    handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    env: { S3_ENDPOINT: `http://127.0.0.1:${port}`, S3_ACCESS_KEY: "S3RVER", S3_SECRET_KEY: "S3RVER", S3_BUCKET: bucket },
    incompleteUploads: () => readdir(uploadsDir).catch(() => []),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (!opts.directory) await rm(directory, { recursive: true, force: true });
    },
  };
}
