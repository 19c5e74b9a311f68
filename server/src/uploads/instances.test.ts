/**
 * An upload begun on one instance and finished on another: two server processes on one
 * PostgreSQL database (DATABASE_URL, or the local default) and one S3 endpoint (s3rver). The
 * session's state (parts, tail, SHA-256 state, first bytes) lives in the database and in storage,
 * not in the process that received the first piece.
 */
import { createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { scratchDatabase } from "../../test/scratch-db.js";
import type { Client, Reply } from "../../test/harness.js";
import { spawnServer, type Spawned } from "../collab/spawn.js";
import { s3Storage } from "../storage/s3.js";
import { startTestS3, type TestS3 } from "../storage/test-s3.js";

const MB = 1024 * 1024;
const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");

let s3: TestS3;
let db: Awaited<ReturnType<typeof scratchDatabase>>;
let one: Spawned;
let two: Spawned;
let onOne: Client;
let onTwo: Client;
let grandSud: string;

beforeAll(async () => {
  s3 = await startTestS3();
  db = await scratchDatabase("atelier_uploads");
  const env = { DATABASE_URL: db.url, ...s3.env };
  one = await spawnServer({ ...env, SEED_DEMO: "true" });
  two = await spawnServer({ ...env, SEED_DEMO: "false" });
  onOne = await one.as("partenaire@atelier.test");
  onTwo = await two.as("partenaire@atelier.test");
  grandSud = (await onOne.get("/api/spaces")).body.spaces.find((s: { slug: string }) => s.slug === "grand-sud").id;
}, 120_000);

afterAll(async () => {
  await Promise.all([one?.kill(), two?.kill()]);
  await db?.drop();
  await s3?.close();
});

async function piece(client: Client, id: string, offset: number, bytes: Buffer): Promise<Reply> {
  const res = await client.raw("PATCH", `/api/uploads/${id}`, {
    body: bytes,
    headers: { "content-type": "application/offset+octet-stream", "upload-offset": String(offset) },
  });
  return { status: res.status, body: await res.json(), headers: res.headers };
}

it("continues on a second instance an upload begun on the first, and stores it whole", async () => {
  const file = Buffer.concat([Buffer.from("%PDF-1.4\n"), randomBytes(12 * MB)]);
  const opened = await onOne.post(`/api/spaces/${grandSud}/uploads`, { name: "deux-instances.pdf", size: file.length });
  expect(opened.status).toBe(201);
  const { id } = opened.body.upload;
  // One full part and a tail of 2 MB on the first instance…
  expect((await piece(onOne, id, 0, file.subarray(0, 10 * MB))).body.upload.offset).toBe(10 * MB);
  // …which the second one knows of, and continues.
  expect((await onTwo.get(`/api/uploads/${id}`)).body.upload.offset).toBe(10 * MB);
  const done = await piece(onTwo, id, 10 * MB, file.subarray(10 * MB));
  expect(done.status).toBe(201);
  expect(done.body.file).toMatchObject({ size: file.length, sha256: sha256(file), mimeType: "application/pdf" });

  const down = await onOne.raw("GET", `/api/files/${done.body.file.id}/download`);
  expect(sha256(Buffer.from(await down.arrayBuffer()))).toBe(sha256(file));
  // No part and no tail left behind: the bucket holds the file alone.
  expect(await s3.incompleteUploads()).toEqual([]);
  const storage = s3Storage({
    endpoint: s3.env.S3_ENDPOINT,
    accessKey: s3.env.S3_ACCESS_KEY,
    secretKey: s3.env.S3_SECRET_KEY,
    bucket: s3.env.S3_BUCKET,
    region: "us-east-1",
  });
  const keys: string[] = [];
  for await (const k of storage.list()) keys.push(k);
  expect(keys).toEqual([expect.stringMatching(/^files\//)]);
});
