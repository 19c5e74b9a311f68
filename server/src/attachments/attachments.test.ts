/** Attachments of documents through HTTP: who may attach, who may read, how they are served. */
import { beforeAll, describe, expect, it } from "vitest";
import { spaceId, startTestServer, type Client, type TestServer } from "../../test/harness.js";
import { attach, createDocument, PNG } from "./test-helpers.js";

const MAX = 64 * 1024;

let server: TestServer;
let membre: Client;
let lecteur: Client;
let partenaire: Client;
let outsider: Client;
let doc: string;

beforeAll(async () => {
  server = await startTestServer({ FILE_MAX_BYTES: String(MAX) });
  membre = await server.as("membre.grand-sud@atelier.test");
  lecteur = await server.as("lecteur.grand-sud@atelier.test");
  partenaire = await server.as("partenaire@atelier.test");
  outsider = await server.as("membre.sud-ouest@atelier.test");
  doc = await createDocument(membre, await spaceId(server, "grand-sud"));
});

async function storedKeys(): Promise<string[]> {
  const keys: string[] = [];
  for await (const k of server.services.storage.list()) keys.push(k);
  return keys.sort();
}
const attachmentCount = async () =>
  (await server.services.db.query<{ n: number }>("SELECT count(*)::int AS n FROM attachments"))[0]!.n;

describe("attaching to a document", () => {
  it("stores an image a membre pastes and answers its address", async () => {
    const r = await attach(membre, doc, "schéma.png");
    expect(r.status).toBe(201);
    expect(r.body).toEqual({ id: expect.any(String), url: `/api/attachments/${r.body.id}`, name: "schéma.png", mimeType: "image/png", size: PNG.length });
    const [row] = await server.services.db.query<{ document_id: string }>("SELECT document_id FROM attachments WHERE id = $1", [r.body.id]);
    expect(row!.document_id).toBe(doc);
  });

  it("refuses readers and partners, storing nothing", async () => {
    const [keys, rows] = [await storedKeys(), await attachmentCount()];
    for (const client of [lecteur, partenaire]) {
      const r = await attach(client, doc, "photo.png");
      expect(r.status).toBe(403);
      expect(r.body.error.message).toMatch(/\S/);
    }
    expect(await storedKeys()).toEqual(keys);
    expect(await attachmentCount()).toBe(rows);
  });

  it("refuses a file over the limit with 413 and stores nothing", async () => {
    const [keys, rows] = [await storedKeys(), await attachmentCount()];
    const r = await attach(membre, doc, "gros.bin", Buffer.alloc(MAX + 1, 1));
    expect(r.status).toBe(413);
    expect(r.body.error.code).toBe("file_too_large");
    expect(r.body.error.message).toContain("taille maximale");
    expect(await storedKeys()).toEqual(keys);
    expect(await attachmentCount()).toBe(rows);
  });
});

describe("reading an attachment", () => {
  it("serves an image inline to a reader of its document's space", async () => {
    const { body } = await attach(membre, doc, "photo.png");
    const res = await lecteur.raw("GET", body.url);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(res.headers.get("content-disposition")).toMatch(/^inline/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(Buffer.from(await res.arrayBuffer())).toEqual(PNG);
  });

  it("gives nothing to a reader of another space, even with the address pasted in their own document", async () => {
    const { body } = await attach(membre, doc, "confidentiel.png");
    const res = await outsider.raw("GET", body.url);
    expect(res.status).toBe(403);
    expect(await res.text()).not.toContain("Grand");
  });

  it("serves HTML and SVG as downloads under their sniffed type", async () => {
    for (const [name, bytes, mime] of [
      ["page.html", "<!doctype html><script>alert(1)</script>", "text/html"],
      ["dessin.png", '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "image/svg+xml"],
    ] as const) {
      const { status, body } = await attach(membre, doc, name, bytes);
      expect(status).toBe(201);
      expect(body.mimeType).toBe(mime);
      const res = await lecteur.raw("GET", body.url);
      expect(res.headers.get("content-type")).toBe(mime);
      expect(res.headers.get("content-disposition")).toMatch(/^attachment/);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    }
  });

  it("answers 404 for an unknown attachment", async () => {
    expect((await lecteur.raw("GET", "/api/attachments/00000000-0000-4000-8000-000000000000")).status).toBe(404);
    expect((await lecteur.raw("GET", "/api/attachments/nope")).status).toBe(404);
  });
});
