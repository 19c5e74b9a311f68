/** The library on S3: the same routes, with a real S3 endpoint (s3rver) behind the minio client. */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { spaceId, startTestServer, type Client, type TestServer } from "../../test/harness.js";
import { startTestS3, type TestS3 } from "../storage/test-s3.js";
import { PDF, upload } from "./test-helpers.js";

let s3: TestS3;
let server: TestServer;
let membre: Client;
let grandSud: string;

beforeAll(async () => {
  s3 = await startTestS3();
  // The bucket does not exist yet: the server creates it at start.
  server = await startTestServer({ ...s3.env, FILE_MAX_BYTES: String(12 * 1024 * 1024) });
  membre = await server.as("membre.grand-sud@atelier.test");
  grandSud = await spaceId(server, "grand-sud");
});
// The harness closes the server itself.
afterAll(() => s3.close());

async function objects() {
  const keys: string[] = [];
  for await (const k of server.services.storage.list()) keys.push(k);
  return keys.sort();
}

it("reports S3 storage as healthy once its bucket is created", async () => {
  const r = await server.client().get("/api/health/ready");
  expect(r.body.storage).toEqual({ ok: true, kind: "s3" });
});

it("streams a multipart upload to S3 and serves it back whole and by range", async () => {
  const big = Buffer.alloc(10 * 1024 * 1024 + 7, "egts ");
  const r = await upload(membre, grandSud, "annexes.bin", big);
  expect(r.status).toBe(201);
  expect(r.body.file).toMatchObject({ size: big.length, sha256: createHash("sha256").update(big).digest("hex") });
  const whole = await membre.raw("GET", `/api/files/${r.body.file.id}/download`);
  expect(Buffer.from(await whole.arrayBuffer()).equals(big)).toBe(true);
  const part = await membre.raw("GET", `/api/files/${r.body.file.id}/download`, { headers: { range: "bytes=5-9" } });
  expect(part.status).toBe(206);
  expect(await part.text()).toBe("egts ");
});

it("stores nothing of an oversized or empty upload", async () => {
  const before = await objects();
  expect((await upload(membre, grandSud, "trop.bin", Buffer.alloc(12 * 1024 * 1024 + 1))).status).toBe(413);
  expect((await upload(membre, grandSud, "vide.pdf", Buffer.alloc(0))).status).toBe(400);
  expect(await objects()).toEqual(before);
  expect((await upload(membre, grandSud, "petit.pdf", PDF)).status).toBe(201);
  expect((await objects()).length).toBe(before.length + 1);
});

it("answers 503 with a clear message when the S3 endpoint is down, and keeps nothing of the upload", async () => {
  const down = await startTestS3();
  const s = await startTestServer(down.env);
  const client = await s.as("membre.grand-sud@atelier.test");
  const space = await spaceId(s, "grand-sud");
  await down.close();
  const r = await upload(client, space, "compte-rendu.pdf");
  expect(r.status).toBe(503);
  expect(r.body.error).toEqual({ code: "service_unavailable", message: expect.stringContaining("Réessayez dans un instant") });
  expect(r.headers.get("retry-after")).toBe("5");
  const list = await client.get(`/api/spaces/${space}/files`);
  expect(list.status).toBe(200);
  expect(JSON.stringify(list.body)).not.toContain("compte-rendu.pdf");
  await s.close();
});
