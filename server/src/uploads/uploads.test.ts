/**
 * Resumable uploads through HTTP: the same suite on the local folder and on a real S3 endpoint
 * (s3rver, with the two calls it lacks answered as test-s3.ts says).
 */
import { createHash, randomBytes } from "node:crypto";
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spaceId, startTestServer, type Client, type Reply, type TestServer } from "../../test/harness.js";
import { startTestS3, type TestS3 } from "../storage/test-s3.js";
import { upload } from "../files/test-helpers.js";
import { purgeUploads } from "./purge.js";

const MB = 1024 * 1024;
const PART = 8 * MB;
const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");
/** Random bytes that read as a PDF: the type is found in the bytes whatever the pieces. */
const pdfOf = (size: number) => Buffer.concat([Buffer.from("%PDF-1.4\n"), randomBytes(size - 9)]);

const backends: [string, () => Promise<{ env: Record<string, string>; incomplete(): Promise<string[]>; close(): Promise<void> }>][] = [
  ["dossier local", async () => ({ env: {}, incomplete: async () => [], close: async () => {} })],
  [
    "S3 (s3rver)",
    async () => {
      const s3: TestS3 = await startTestS3();
      return { env: s3.env, incomplete: () => s3.incompleteUploads(), close: () => s3.close() };
    },
  ],
];

describe.each(backends)("envois reprenables : %s", (_name, open) => {
  let server: TestServer;
  let incomplete: () => Promise<string[]>;
  let closeS3: () => Promise<void>;
  let grandSud: string;
  let partenaire: Client;
  let membre: Client;
  let outsider: Client;

  beforeAll(async () => {
    const backend = await open();
    incomplete = backend.incomplete;
    closeS3 = backend.close;
    server = await startTestServer({ ...backend.env, FILE_MAX_BYTES: String(40 * MB) });
    grandSud = await spaceId(server, "grand-sud");
    partenaire = await server.as("partenaire@atelier.test");
    membre = await server.as("membre.grand-sud@atelier.test");
    outsider = await server.as("membre.sud-ouest@atelier.test");
  });
  afterAll(() => closeS3());

  async function stored(): Promise<string[]> {
    const keys: string[] = [];
    for await (const k of server.services.storage.list()) keys.push(k);
    return keys.sort();
  }

  const start = (client: Client, body: Record<string, unknown>) => client.post(`/api/spaces/${grandSud}/uploads`, body);

  async function piece(client: Client, id: string, offset: number, bytes: Buffer, headers: Record<string, string> = {}): Promise<Reply> {
    const res = await client.raw("PATCH", `/api/uploads/${id}`, {
      body: bytes,
      headers: { "content-type": "application/offset+octet-stream", "upload-offset": String(offset), ...headers },
    });
    return { status: res.status, body: await res.json(), headers: res.headers };
  }

  const offsetOf = async (client: Client, id: string) => ((await client.get(`/api/uploads/${id}`)).body as { upload: { offset: number } }).upload.offset;

  async function until(condition: () => Promise<boolean>) {
    for (let i = 0; i < 500 && !(await condition()); i++) await new Promise((r) => setTimeout(r, 20));
  }

  /** Sends `bytes` from `offset` over a bare socket, and cuts it once the server has stored a part. */
  async function cutPiece(client: Client, id: string, offset: number, bytes: Buffer): Promise<void> {
    const req = request(new URL(`/api/uploads/${id}`, server.url), {
      method: "PATCH",
      headers: {
        cookie: client.cookieHeader,
        origin: client.origin,
        "content-type": "application/offset+octet-stream",
        "upload-offset": String(offset),
        "content-length": String(bytes.length),
      },
    });
    req.on("error", () => {});
    for (let at = 0; at < bytes.length - MB; at += MB) {
      if (!req.write(bytes.subarray(at, at + MB))) await new Promise((r) => req.once("drain", r));
    }
    await until(async () => (await offsetOf(client, id)) >= offset + PART);
    req.destroy();
  }

  /** Polls the offset until it stops moving (the server has recorded what the cut request brought). */
  async function settledOffset(client: Client, id: string): Promise<number> {
    let last = -1;
    for (let i = 0; i < 100; i++) {
      const now = await offsetOf(client, id);
      if (now === last) return now;
      last = now;
      await new Promise((r) => setTimeout(r, 150));
    }
    return last;
  }

  it("resumes a file cut in the middle from the server's offset, and stores it whole", async () => {
    const before = await stored();
    const file = pdfOf(20 * MB + 123);
    const opened = await start(partenaire, { name: "diagnostic-territorial.pdf", size: file.length, kind: "etude", themes: ["exclusion-pauvrete-acces-aux-droits"] });
    expect(opened.status).toBe(201);
    const { id, offset, partSize } = opened.body.upload;
    expect({ offset, partSize }).toEqual({ offset: 0, partSize: PART });

    await cutPiece(partenaire, id, 0, file.subarray(0, 14 * MB));
    const resumeAt = await settledOffset(partenaire, id);
    // The full part is kept, and so is what arrived after it: nothing received is lost.
    expect(resumeAt).toBeGreaterThanOrEqual(PART);
    expect(resumeAt).toBeLessThanOrEqual(14 * MB);

    const done = await piece(partenaire, id, resumeAt, file.subarray(resumeAt));
    expect(done.status).toBe(201);
    expect(done.body.file).toMatchObject({
      title: "diagnostic-territorial",
      kind: "etude",
      themes: ["exclusion-pauvrete-acces-aux-droits"],
      size: file.length,
      sha256: sha256(file),
      mimeType: "application/pdf",
      uploadedBy: { id: expect.any(String) },
    });
    const down = await membre.raw("GET", `/api/files/${done.body.file.id}/download`);
    expect(sha256(Buffer.from(await down.arrayBuffer()))).toBe(sha256(file));
    // Only the file's object remains, no part and no tail.
    expect((await stored()).filter((k) => !before.includes(k))).toEqual([expect.stringMatching(/^files\//)]);
    expect(await incomplete()).toEqual([]);
  });

  it("answers again a client that lost the last answer, without a second file; forgets it after a day", async () => {
    const file = pdfOf(2 * MB);
    const { id } = (await start(partenaire, { name: "reponse-perdue.pdf", size: file.length })).body.upload;
    const first = await piece(partenaire, id, 0, file);
    expect(first.status).toBe(201);
    // The client asks where it stands, then sends "the rest" (nothing) from there.
    const asked = await partenaire.get(`/api/uploads/${id}`);
    expect(asked.body).toMatchObject({ upload: { offset: file.length }, file: { id: first.body.file.id } });
    const again = await piece(partenaire, id, file.length, Buffer.alloc(0));
    expect(again.status).toBe(201);
    expect(again.body.file.id).toBe(first.body.file.id);
    expect((await piece(partenaire, id, 0, file)).body.error).toMatchObject({ code: "offset_mismatch", details: { offset: file.length } });
    const listed = await membre.get(`/api/spaces/${grandSud}/files?q=reponse-perdue`);
    expect(listed.body.files).toHaveLength(1);

    await server.services.db.query("UPDATE upload_sessions SET expires_at = now() - interval '1 minute' WHERE id = $1", [id]);
    await purgeUploads(server.services);
    expect((await partenaire.get(`/api/uploads/${id}`)).status).toBe(404);
    // The file outlives its upload.
    const down = await membre.raw("GET", `/api/files/${first.body.file.id}/download`);
    expect(sha256(Buffer.from(await down.arrayBuffer()))).toBe(sha256(file));
  });

  it("continues pieces that do not end on a part boundary, whatever their sizes", async () => {
    const file = pdfOf(19 * MB + 5);
    const { id } = (await start(membre, { name: "synthese.pdf", size: file.length })).body.upload;
    // 3 MB (a tail), 7 MB (completes a part, leaves a tail of 2 MB), a tiny piece, then the rest.
    const cuts = [0, 3 * MB, 10 * MB, 10 * MB + 1, file.length];
    for (let i = 0; i < cuts.length - 2; i++) {
      const r = await piece(membre, id, cuts[i]!, file.subarray(cuts[i], cuts[i + 1]));
      expect(r.status).toBe(200);
      expect(r.body.upload.offset).toBe(cuts[i + 1]);
      expect(await offsetOf(membre, id)).toBe(cuts[i + 1]);
    }
    const last = await piece(membre, id, cuts.at(-2)!, file.subarray(cuts.at(-2)));
    expect(last.status).toBe(201);
    expect(last.body.file).toMatchObject({ size: file.length, sha256: sha256(file), mimeType: "application/pdf" });
    const down = await membre.raw("GET", `/api/files/${last.body.file.id}/download`, { headers: { range: "bytes=10485755-10485764" } });
    expect(Buffer.from(await down.arrayBuffer()).equals(file.subarray(10485755, 10485765))).toBe(true);
  });

  it("sends a small file in one piece", async () => {
    const file = pdfOf(1000);
    const { id } = (await start(partenaire, { name: "fiche-action.pdf", size: file.length, title: "Fiche action n° 3" })).body.upload;
    const r = await piece(partenaire, id, 0, file);
    expect(r.status).toBe(201);
    expect(r.body.file).toMatchObject({ title: "Fiche action n° 3", size: 1000, sha256: sha256(file) });
    const listed = await membre.get(`/api/spaces/${grandSud}/files?q=fiche action`);
    expect(listed.body.files.map((f: { id: string }) => f.id)).toContain(r.body.file.id);
  });

  it("uploads a new version of a file through a session", async () => {
    const first = await upload(membre, grandSud, "bilan.pdf");
    const file = pdfOf(9 * MB);
    const opened = await membre.post(`/api/files/${first.body.file.id}/uploads`, { name: "bilan-v2.pdf", size: file.length });
    expect(opened.status).toBe(201);
    const r = await piece(membre, opened.body.upload.id, 0, file);
    expect(r.status).toBe(201);
    expect(r.body.file).toMatchObject({ id: first.body.file.id, version: 2, originalName: "bilan-v2.pdf", sha256: sha256(file) });
  });

  it("tells a client at the wrong offset where to resume, and refuses malformed pieces", async () => {
    const before = await stored();
    const file = pdfOf(4 * MB);
    const { id } = (await start(partenaire, { name: "etude.pdf", size: file.length })).body.upload;
    expect((await piece(partenaire, id, 0, file.subarray(0, MB))).body.upload.offset).toBe(MB);

    const wrong = await piece(partenaire, id, 0, file.subarray(0, MB));
    expect(wrong.status).toBe(409);
    expect(wrong.body.error).toMatchObject({ code: "offset_mismatch", details: { offset: MB } });

    const noOffset = await piece(partenaire, id, MB, Buffer.from("x"), { "upload-offset": "" });
    expect(noOffset.status).toBe(400);
    expect(noOffset.body.error.code).toBe("invalid_offset");

    const json = await piece(partenaire, id, MB, Buffer.from("{}"), { "content-type": "application/json" });
    expect(json.status).toBe(415);
    expect(json.body.error.message).toMatch(/octet-stream/);

    const tooMuch = await piece(partenaire, id, MB, Buffer.alloc(3 * MB + 1));
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.error.code).toBe("upload_overflow");
    // Nothing of the refused pieces counted: the upload goes on where it was.
    expect(await offsetOf(partenaire, id)).toBe(MB);
    const rest = await piece(partenaire, id, MB, file.subarray(MB));
    expect(rest.status).toBe(201);
    expect(rest.body.file.sha256).toBe(sha256(file));
    // The tail the first piece left is gone with the session: only the file remains.
    expect((await stored()).filter((k) => !before.includes(k))).toEqual([expect.stringMatching(/^files\//)]);
  });

  it("refuses an oversized, empty or badly described file before any byte is sent", async () => {
    const before = await stored();
    const big = await start(partenaire, { name: "archives.zip", size: 40 * MB + 1 });
    expect(big.status).toBe(413);
    expect(big.body.error.message).toMatch(/taille maximale autorisée \(40 Mo\)/);
    expect((await start(partenaire, { name: "vide.pdf", size: 0 })).body.error.code).toBe("empty_file");
    expect((await start(partenaire, { name: "x".repeat(300), size: 10 })).body.error.code).toBe("invalid_file_name");
    expect((await start(partenaire, { name: "a.pdf", size: 10, kind: "inconnu" })).body.error.code).toBe("unknown_kind");
    expect((await start(partenaire, { name: "a.pdf", size: 10, owner: "moi" })).status).toBe(400);
    expect((await start(partenaire, { name: "a.pdf", size: -1 })).status).toBe(400);
    expect((await start(partenaire, { name: "a.pdf", size: 10, title: "t".repeat(201) })).status).toBe(400);
    expect(await stored()).toEqual(before);
  });

  it("keeps a session to its owner, and to the spaces they may still upload to", async () => {
    const { id } = (await start(partenaire, { name: "contribution.pdf", size: 2 * MB })).body.upload;
    for (const other of [membre, outsider]) {
      expect((await other.get(`/api/uploads/${id}`)).status).toBe(403);
      expect((await piece(other, id, 0, Buffer.alloc(10))).status).toBe(403);
      expect((await other.delete(`/api/uploads/${id}`)).status).toBe(403);
    }
    expect((await server.client().get(`/api/uploads/${id}`)).status).toBe(401);
    expect((await outsider.post(`/api/spaces/${grandSud}/uploads`, { name: "a.pdf", size: 10 })).status).toBe(403);
    expect((await partenaire.get(`/api/uploads/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
    expect((await partenaire.get(`/api/uploads/pas-un-id`)).status).toBe(404);

    // The partner leaves the space while the file is on its way: the next piece is refused.
    const { id: userId } = (await partenaire.get("/api/me")).body.user;
    const admin = await server.as("admin@atelier.test");
    expect((await admin.delete(`/api/spaces/${grandSud}/members/${userId}`)).status).toBeLessThan(300);
    expect((await piece(partenaire, id, 0, pdfOf(2 * MB))).status).toBe(403);
  });

  it("removes what a cancelled upload stored", async () => {
    const before = await stored();
    const file = pdfOf(11 * MB);
    const { id } = (await start(membre, { name: "annule.pdf", size: file.length })).body.upload;
    // One full part and a tail of 2 MB are stored.
    expect((await piece(membre, id, 0, file.subarray(0, 10 * MB))).body.upload.offset).toBe(10 * MB);
    expect((await stored()).length).toBe(before.length + 1);
    expect((await membre.delete(`/api/uploads/${id}`)).status).toBe(204);
    expect((await membre.get(`/api/uploads/${id}`)).status).toBe(404);
    expect((await piece(membre, id, 10 * MB, file.subarray(10 * MB))).status).toBe(404);
    expect(await stored()).toEqual(before);
    expect(await incomplete()).toEqual([]);
  });

  it("forgets an upload left unfinished for a day, parts and tail included", async () => {
    const before = await stored();
    const file = pdfOf(10 * MB);
    const { id } = (await start(membre, { name: "abandon.pdf", size: file.length + 1 })).body.upload;
    await piece(membre, id, 0, file);
    await server.services.db.query("UPDATE upload_sessions SET expires_at = now() - interval '1 minute' WHERE id = $1", [id]);
    expect((await membre.get(`/api/uploads/${id}`)).status).toBe(404);
    expect((await purgeUploads(server.services)).sessions).toBeGreaterThanOrEqual(1);
    expect(await stored()).toEqual(before);
    expect(await incomplete()).toEqual([]);
    expect(await server.services.db.query("SELECT 1 FROM upload_sessions WHERE id = $1", [id])).toEqual([]);
  });
});
