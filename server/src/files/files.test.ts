/** The resource library through HTTP, on the local folder (the S3 backend: files.s3.test.ts). */
import { createHash } from "node:crypto";
import { request, type ClientRequest } from "node:http";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { spaceId, startTestServer, type Client, type TestServer } from "../../test/harness.js";
import { purgeFiles } from "./purge.js";
import { PDF, upload, uploadVersion } from "./test-helpers.js";

const MAX = 1024 * 1024;
const PNG = Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201e2216bc70000000049454e44ae426082", "hex");

let server: TestServer;
let grandSud: string;
let sudOuest: string;
let partenaire: Client;
let membre: Client;
let pilote: Client;
let lecteur: Client;
let outsider: Client;

beforeAll(async () => {
  server = await startTestServer({ FILE_MAX_BYTES: String(MAX) });
  grandSud = await spaceId(server, "grand-sud");
  sudOuest = await spaceId(server, "sud-ouest");
  partenaire = await server.as("partenaire@atelier.test");
  membre = await server.as("membre.grand-sud@atelier.test");
  pilote = await server.as("pilote.grand-sud@atelier.test");
  lecteur = await server.as("lecteur.grand-sud@atelier.test");
  outsider = await server.as("membre.sud-ouest@atelier.test");
});

const sha256 = (b: Buffer | string) => createHash("sha256").update(b).digest("hex");

async function storedKeys(): Promise<string[]> {
  const keys: string[] = [];
  for await (const k of server.services.storage.list()) keys.push(k);
  return keys.sort();
}
const partials = () => readdir(path.join(server.dataDir, "files", ".partial"));
const fileCount = async () =>
  Number((await server.services.db.query<{ n: number }>("SELECT count(*)::int AS n FROM files"))[0]!.n);

/** Runs `act` and checks it left neither a row nor an object nor a temporary file. */
async function leavesNothing(act: () => Promise<unknown>) {
  const [keys, rows] = [await storedKeys(), await fileCount()];
  await act();
  expect(await storedKeys()).toEqual(keys);
  expect(await fileCount()).toBe(rows);
  expect(await partials()).toEqual([]);
}

/** Waits for a condition the server reaches on its own (at most 5 s). */
async function until(condition: () => Promise<boolean>) {
  for (let i = 0; i < 250 && !(await condition()); i++) await new Promise((r) => setTimeout(r, 20));
}

/**
 * An upload over a bare socket, to send a body without a length (chunked) or to cut it midway:
 * `send` writes the body. Answers status 0 when no response came back.
 */
async function rawUpload(client: Client, name: string, send: (req: ClientRequest) => Promise<void>, length?: number) {
  return new Promise<{ status: number; body: string }>((resolve) => {
    const req = request(new URL(`/api/spaces/${grandSud}/files?name=${name}`, server.url), {
      method: "POST",
      headers: {
        cookie: client.cookieHeader,
        origin: client.origin,
        "content-type": "application/octet-stream",
        ...(length === undefined ? {} : { "content-length": String(length) }),
      },
    });
    req.on("response", (res) => {
      let body = "";
      res.setEncoding("utf8").on("data", (d: string) => (body += d)).on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", () => resolve({ status: 0, body: "" }));
    void send(req).catch(() => resolve({ status: 0, body: "" }));
  });
}

async function download(client: Client, id: string, query = "", headers: Record<string, string> = {}) {
  const res = await client.raw("GET", `/api/files/${id}/download${query}`, { headers });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

describe("uploading", () => {
  it("stores a partner's file with the type found in its bytes, its hash and its uploader", async () => {
    const r = await upload(partenaire, grandSud, "Étude accès aux droits.pdf", PDF, { themes: "exclusion-pauvrete-acces-aux-droits" }, { "content-type": "text/plain" });
    expect(r.status).toBe(201);
    expect(r.body.file).toMatchObject({
      spaceId: grandSud,
      title: "Étude accès aux droits",
      kind: "autre",
      themes: ["exclusion-pauvrete-acces-aux-droits"],
      originalName: "Étude accès aux droits.pdf",
      size: PDF.length,
      mimeType: "application/pdf",
      sha256: sha256(PDF),
      version: 1,
      canManage: true,
      previewable: true,
      deletedAt: null,
    });
    expect(r.body.file.uploadedBy.id).toBeTruthy();
    // The object key is generated: nothing of the name reaches storage.
    const [row] = await server.services.db.query<{ storage_key: string }>("SELECT storage_key FROM file_versions WHERE file_id = $1", [r.body.file.id]);
    expect(row!.storage_key).toMatch(/^files\/[0-9a-f-]{36}$/);
    expect(await server.services.storage.stat(row!.storage_key)).toEqual({ size: PDF.length });
  });

  it("refuses a file over the size limit while streaming, with a clear message, and keeps nothing", async () => {
    await leavesNothing(async () => {
      // Announced too large: refused before a byte is read.
      const announced = await upload(partenaire, grandSud, "gros.bin", Buffer.alloc(MAX + 1, 1));
      expect(announced.status).toBe(413);
      expect(announced.body.error.message).toMatch(/dépasse la taille maximale autorisée \(1 Mo\)/);
      // Sent without a length (chunked): cut as soon as the count goes past the limit.
      const res = await rawUpload(partenaire, "flux.bin", async (req) => {
        for (let i = 0; i < 8 && !req.destroyed; i++) await new Promise((r) => req.write(Buffer.alloc(256 * 1024, 2), r));
        req.end();
      });
      expect(res.status).toBe(413);
      expect(JSON.parse(res.body).error.code).toBe("file_too_large");
    });
  });

  it("refuses an empty file", async () => {
    await leavesNothing(async () => {
      const r = await upload(partenaire, grandSud, "vide.pdf", Buffer.alloc(0));
      expect(r.status).toBe(400);
      expect(r.body.error.message).toBe("Le fichier est vide : il n'a pas été enregistré.");
    });
  });

  it("keeps only the last part of a name, without control characters, and refuses 300 characters", async () => {
    const traversal = await upload(partenaire, grandSud, "../../etc/passwd", "racine:x:0:0");
    expect(traversal.status).toBe(201);
    expect(traversal.body.file.originalName).toBe("passwd");
    const control = await upload(partenaire, grandSud, "bilan\u0000\u0007\u202e.txt\r\n", "bilan");
    expect(control.body.file.originalName).toBe("bilan.txt");
    await leavesNothing(async () => {
      const long = await upload(partenaire, grandSud, `${"a".repeat(296)}.pdf`, PDF);
      expect(long.status).toBe(400);
      expect(long.body.error.message).toBe("Le nom du fichier est trop long (255 caractères au plus).");
      expect((await upload(partenaire, grandSud, "..", PDF)).status).toBe(400);
    });
  });

  it("refuses metadata that is too long or unknown, and unknown kinds or themes", async () => {
    await leavesNothing(async () => {
      const cases: Record<string, string>[] = [
        { title: "t".repeat(201) },
        { description: "d".repeat(2001) },
        { couleur: "rouge" },
        { kind: "inconnu" },
        { themes: "formation,pas-un-theme" },
      ];
      for (const meta of cases) {
        const r = await upload(partenaire, grandSud, "note.pdf", PDF, meta);
        expect(r.status, JSON.stringify(meta)).toBe(400);
        expect(r.body.error.message).toBeTruthy();
      }
    });
  });

  it("leaves nothing behind when the upload is cut in the middle", async () => {
    await leavesNothing(async () => {
      const cut = await rawUpload(partenaire, "coupe.bin", async (req) => {
        await new Promise((r) => req.write(Buffer.alloc(300 * 1024, 3), r));
        // Cut once the server is writing the bytes, so the cut really lands mid-upload.
        await until(async () => (await partials()).length > 0);
        req.destroy();
      }, 800 * 1024);
      expect(cut.status).toBe(0);
      // The server notices the cut and cleans up on its side: wait until it has.
      await until(async () => (await partials()).length === 0);
    });
  });
});

describe("types and downloads", () => {
  let pdfId: string;
  beforeAll(async () => {
    pdfId = (await upload(membre, grandSud, "compte-rendu.pdf", PDF)).body.file.id;
  });

  it("serves the bytes with their type, nosniff, as an attachment unless a preview is asked", async () => {
    const d = await download(lecteur, pdfId);
    expect(d.status).toBe(200);
    expect(d.bytes.equals(PDF)).toBe(true);
    expect(d.headers.get("content-type")).toBe("application/pdf");
    expect(d.headers.get("x-content-type-options")).toBe("nosniff");
    expect(d.headers.get("content-disposition")).toMatch(/^attachment; filename="compte-rendu.pdf"/);
    expect(d.headers.get("accept-ranges")).toBe("bytes");
    const head = await lecteur.raw("HEAD", `/api/files/${pdfId}/download`);
    expect(head.status).toBe(200);
    expect(head.headers.get("content-length")).toBe(String(PDF.length));
    const preview = await download(lecteur, pdfId, "?inline=1");
    expect(preview.headers.get("content-disposition")).toMatch(/^inline;/);
  });

  it("answers byte ranges for previews", async () => {
    const part = await download(lecteur, pdfId, "", { range: "bytes=5-7" });
    expect(part.status).toBe(206);
    expect(part.bytes.toString()).toBe("1.4");
    expect(part.headers.get("content-range")).toBe(`bytes 5-7/${PDF.length}`);
    const tail = await download(lecteur, pdfId, "", { range: "bytes=-6" });
    expect(tail.bytes.toString()).toBe("%%EOF\n");
    const beyond = await download(lecteur, pdfId, "", { range: `bytes=${PDF.length}-` });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get("content-range")).toBe(`bytes */${PDF.length}`);
  });

  it("believes the bytes, not the name nor the announced type", async () => {
    const cases: [string, Buffer | string, string][] = [
      ["photo.txt", PNG, "image/png"],
      ["rapport.pdf", Buffer.concat([Buffer.from("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff", "latin1"), Buffer.alloc(200)]), "application/x-msdownload"],
      ["donnees.csv", "commune;effectif\nNîmes;12\n", "text/csv"],
      ["notes.pdf", "simple texte", "text/plain"],
    ];
    for (const [name, body, mime] of cases) {
      const r = await upload(membre, grandSud, name, body, {}, { "content-type": "application/pdf" });
      expect(r.body.file.mimeType, name).toBe(mime);
    }
    const png = await upload(membre, grandSud, "photo.txt", PNG);
    expect((await download(membre, png.body.file.id, "?inline=1")).headers.get("content-disposition")).toMatch(/^inline;/);
  });

  it("never lets HTML, SVG or XML render in the browser, whatever the name", async () => {
    const cases: [string, string, string][] = [
      ["rapport.pdf", "<!DOCTYPE html><html><script>alert(1)</script></html>", "text/html"],
      ["schema.svg", '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>', "image/svg+xml"],
      ["logo.png", '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "image/svg+xml"],
      ["flux.xml", '<?xml version="1.0"?><rss></rss>', "application/xml"],
      ["outil.js", "fetch('/api/me')", "text/javascript"],
    ];
    for (const [name, body, mime] of cases) {
      const r = await upload(membre, grandSud, name, body);
      expect(r.body.file).toMatchObject({ mimeType: mime, previewable: false });
      const d = await download(membre, r.body.file.id, "?inline=1");
      expect(d.headers.get("content-type")).toBe(mime);
      expect(d.headers.get("content-disposition"), name).toMatch(/^attachment;/);
      expect(d.headers.get("x-content-type-options")).toBe("nosniff");
    }
  });

  it("reveals nothing of another space's file, by id or by download", async () => {
    const r = await upload(membre, grandSud, "Stratégie confidentielle.pdf", PDF);
    const id = r.body.file.id;
    for (const url of [`/api/files/${id}`, `/api/files/${id}/download`, `/api/files/${id}/versions`]) {
      const res = await outsider.raw("GET", url);
      const text = await res.text();
      expect(res.status, url).toBe(403);
      expect(text).not.toMatch(/Strat|confidentielle|pdf/i);
    }
    expect((await outsider.patch(`/api/files/${id}`, { title: "x" })).status).toBe(403);
    expect((await outsider.delete(`/api/files/${id}`)).status).toBe(403);
    expect((await outsider.get(`/api/files/pas-un-id/download`)).status).toBe(404);
    expect((await outsider.get(`/api/files/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
    expect((await server.client().get(`/api/files/${id}`)).status).toBe(401);
    // Nor can they upload into it.
    expect((await upload(outsider, grandSud, "intrus.pdf", PDF)).status).toBe(403);
    expect((await upload(outsider, sudOuest, "chez-moi.pdf", PDF)).status).toBe(201);
  });
});

describe("metadata, search and kinds", () => {
  it("lets a partner edit their own file, not a member's; a member edits any", async () => {
    const own = (await upload(partenaire, grandSud, "contribution.pdf", PDF)).body.file.id;
    const theirs = (await upload(membre, grandSud, "etude.pdf", PDF)).body.file.id;
    const edit = await partenaire.patch(`/api/files/${own}`, {
      title: "Contribution de l'URIOPSS",
      description: "Synthèse des ateliers",
      kind: "contribution",
      themes: ["place-des-usagers"],
    });
    expect(edit.status).toBe(200);
    expect(edit.body.file).toMatchObject({ title: "Contribution de l'URIOPSS", kind: "contribution", themes: ["place-des-usagers"] });
    expect((await partenaire.patch(`/api/files/${theirs}`, { title: "Pris" })).status).toBe(403);
    expect((await partenaire.delete(`/api/files/${theirs}`)).status).toBe(403);
    expect((await membre.patch(`/api/files/${own}`, { description: "Relue" })).status).toBe(200);
    expect((await lecteur.patch(`/api/files/${own}`, { title: "Non" })).status).toBe(403);
    const list = await lecteur.get(`/api/spaces/${grandSud}/files`);
    expect(list.body.files.find((f: any) => f.id === own).canManage).toBe(false);
  });

  it("refuses metadata that is too long, unknown or empty", async () => {
    const id = (await upload(partenaire, grandSud, "a-corriger.pdf", PDF)).body.file.id;
    for (const body of [{ title: "t".repeat(201) }, { description: "d".repeat(2001) }, { couleur: "rouge" }, { kind: "inconnu" }, { themes: ["x"] }, {}, { title: "   " }]) {
      const r = await partenaire.patch(`/api/files/${id}`, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
    }
    expect((await partenaire.get(`/api/files/${id}`)).body.file.title).toBe("a-corriger");
  });

  it("lets a pilote add a kind to the library", async () => {
    const r = await pilote.post(`/api/spaces/${grandSud}/file-kinds`, { label: "Note de cadrage" });
    expect(r.status).toBe(201);
    expect(r.body.kind).toEqual({ slug: "note-de-cadrage", label: "Note de cadrage", custom: true });
    expect((await pilote.post(`/api/spaces/${grandSud}/file-kinds`, { label: "note de cadrage" })).status).toBe(409);
    expect((await pilote.post(`/api/spaces/${grandSud}/file-kinds`, { label: "Étude" })).status).toBe(409);
    expect((await membre.post(`/api/spaces/${grandSud}/file-kinds`, { label: "Autre chose" })).status).toBe(403);
    const kinds = (await lecteur.get(`/api/spaces/${grandSud}/file-kinds`)).body.kinds;
    expect(kinds.map((k: any) => k.slug)).toEqual(["etude", "contribution", "fiche-action", "presentation", "compte-rendu", "autre", "note-de-cadrage"]);
    const up = await upload(membre, grandSud, "cadrage.pdf", PDF, { kind: "note-de-cadrage" });
    expect(up.body.file.kind).toBe("note-de-cadrage");
    // A kind of Grand-Sud means nothing in Sud-Ouest.
    expect((await upload(outsider, sudOuest, "cadrage.pdf", PDF, { kind: "note-de-cadrage" })).status).toBe(400);
  });

  it("filters by kind, theme, uploader and date, sorts, and searches without accents", async () => {
    const space = await spaceId(server, "provence-alpes-cote-d-azur");
    const corse = await server.as("admin@atelier.test");
    const a = (await upload(corse, space, "a.pdf", PDF, { title: "Étude sur l'hébergement", kind: "etude", themes: "hebergement-logement" })).body.file;
    const b = (await upload(corse, space, "b.pdf", "abc", { title: "Bilan des ateliers", description: "Présentation régionale", kind: "presentation", themes: "hebergement-logement,place-des-usagers" })).body.file;
    const list = async (q: string) => (await corse.get(`/api/spaces/${space}/files${q}`)).body.files.map((f: any) => f.title);
    expect(await list("?kind=etude")).toEqual([a.title]);
    expect(await list("?theme=hebergement-logement&sort=title")).toEqual([b.title, a.title]);
    expect(await list("?theme=place-des-usagers")).toEqual([b.title]);
    expect(await list("?q=HEBERGEMENT")).toEqual([a.title]);
    expect(await list("?q=presentation regionale")).toEqual([b.title]);
    expect(await list("?q=100%25")).toEqual([]);
    expect(await list(`?uploader=${a.uploadedBy.id}&sort=oldest`)).toEqual([a.title, b.title]);
    expect(await list("?sort=size")).toEqual([a.title, b.title]);
    const today = new Date().toISOString().slice(0, 10);
    expect(await list(`?from=${today}&to=${today}&sort=oldest`)).toEqual([a.title, b.title]);
    expect(await list("?to=2020-01-01")).toEqual([]);
    expect((await corse.get(`/api/spaces/${space}/files?sort=hasard`)).status).toBe(400);
    expect((await corse.get(`/api/spaces/${space}/files?from=hier`)).status).toBe(400);
  });
});

describe("versions", () => {
  it("adds versions, lists who and when, downloads and restores an earlier one", async () => {
    const id = (await upload(partenaire, grandSud, "fiche.txt", "version un")).body.file.id;
    const v2 = await uploadVersion(membre, id, "fiche-v2.txt", "version deux");
    expect(v2.status).toBe(201);
    expect(v2.body.file).toMatchObject({ version: 2, originalName: "fiche-v2.txt", sha256: sha256("version deux") });
    const versions = (await lecteur.get(`/api/files/${id}/versions`)).body.versions;
    expect(versions.map((v: any) => [v.number, v.originalName, v.uploadedBy.name])).toEqual([
      [2, "fiche-v2.txt", expect.any(String)],
      [1, "fiche.txt", expect.any(String)],
    ]);
    expect(versions[0].uploadedBy.name).not.toBe(versions[1].uploadedBy.name);
    expect((await download(lecteur, id, "?version=1")).bytes.toString()).toBe("version un");
    expect((await download(lecteur, id)).bytes.toString()).toBe("version deux");
    expect((await download(lecteur, id, "?version=9")).status).toBe(404);

    const restored = await membre.post(`/api/files/${id}/versions/1/restore`);
    expect(restored.status).toBe(201);
    expect(restored.body.file).toMatchObject({ version: 3, originalName: "fiche.txt" });
    expect((await lecteur.get(`/api/files/${id}/versions`)).body.versions[0]).toMatchObject({ number: 3, restoredFrom: 1 });
    expect((await download(lecteur, id)).bytes.toString()).toBe("version un");
    expect((await membre.post(`/api/files/${id}/versions/3/restore`)).status).toBe(409);
    // A partner versions their own file only.
    expect((await uploadVersion(partenaire, id, "v4.txt", "quatre")).status).toBe(201);
    const other = (await upload(membre, grandSud, "autre.txt", "x")).body.file.id;
    expect((await uploadVersion(partenaire, other, "v2.txt", "y")).status).toBe(403);
  });

  it("refuses an oversized or empty version and keeps the current one", async () => {
    const id = (await upload(partenaire, grandSud, "stable.txt", "stable")).body.file.id;
    await leavesNothing(async () => {
      expect((await uploadVersion(partenaire, id, "gros.bin", Buffer.alloc(MAX + 1))).status).toBe(413);
      expect((await uploadVersion(partenaire, id, "vide.txt", Buffer.alloc(0))).status).toBe(400);
    });
    expect((await partenaire.get(`/api/files/${id}`)).body.file.version).toBe(1);
  });
});

describe("recycle bin", () => {
  it("hides a deleted file, lets a pilote see and restore it, and purges it after 30 days", async () => {
    const id = (await upload(partenaire, grandSud, "a-supprimer.txt", "bientôt parti")).body.file.id;
    await uploadVersion(partenaire, id, "a-supprimer-v2.txt", "deuxième");
    const [{ n: keysBefore }] = (await server.services.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM file_versions WHERE file_id = $1",
      [id],
    )) as [{ n: number }];
    expect(keysBefore).toBe(2);

    expect((await partenaire.delete(`/api/files/${id}`)).status).toBe(200);
    expect((await membre.get(`/api/files/${id}`)).status).toBe(404);
    expect((await membre.get(`/api/files/${id}/download`)).status).toBe(404);
    expect((await membre.get(`/api/spaces/${grandSud}/files`)).body.files.some((f: any) => f.id === id)).toBe(false);
    expect((await lecteur.get(`/api/spaces/${grandSud}/files?trash=true`)).status).toBe(403);
    const bin = (await pilote.get(`/api/spaces/${grandSud}/files?trash=true`)).body.files;
    expect(bin.find((f: any) => f.id === id)).toMatchObject({ deletedAt: expect.any(String), canManage: false });
    expect((await membre.post(`/api/files/${id}/restore`)).status).toBe(403);
    expect((await pilote.post(`/api/files/${id}/restore`)).status).toBe(200);
    expect((await membre.get(`/api/files/${id}`)).status).toBe(200);
    expect((await pilote.post(`/api/files/${id}/restore`)).status).toBe(409);

    // Deleted 31 days ago: too late to restore, and the purge removes the rows and the bytes.
    await pilote.delete(`/api/files/${id}`);
    await server.services.db.query("UPDATE files SET deleted_at = now() - interval '31 days' WHERE id = $1", [id]);
    expect((await pilote.post(`/api/files/${id}/restore`)).status).toBe(410);
    const keys = (await server.services.db.query<{ storage_key: string }>("SELECT storage_key FROM file_versions WHERE file_id = $1", [id])).map((r) => r.storage_key);
    const recent = (await upload(partenaire, grandSud, "recent.txt", "reste")).body.file.id;
    await partenaire.delete(`/api/files/${recent}`);

    const purged = await purgeFiles(server.services);
    expect(purged.files).toBe(1);
    expect(purged.objects).toBe(2);
    for (const k of keys) expect(await server.services.storage.stat(k)).toBeNull();
    expect(await server.services.db.query("SELECT 1 FROM files WHERE id = $1", [id])).toEqual([]);
    expect(await server.services.db.query("SELECT 1 FROM storage_garbage")).toEqual([]);
    // A file deleted today stays restorable.
    expect((await pilote.post(`/api/files/${recent}/restore`)).status).toBe(200);
  });

  it("shows whoever put a file in the bin what they put there, and lets them restore it for 30 days", async () => {
    const binOf = async (c: Client) => {
      const r = await c.get(`/api/spaces/${grandSud}/files?trash=true`);
      expect(r.status).toBe(200);
      return (r.body.files as { id: string }[]).map((f) => f.id);
    };
    const mine = (await upload(partenaire, grandSud, "mon-depot.txt", "à moi")).body.file.id;
    const byPilote = (await upload(partenaire, grandSud, "retire-par-la-pilote.txt", "retiré")).body.file.id;
    const others = (await upload(membre, grandSud, "du-membre.txt", "au membre")).body.file.id;
    expect((await partenaire.delete(`/api/files/${mine}`)).status).toBe(200);
    expect((await pilote.delete(`/api/files/${byPilote}`)).status).toBe(200);
    expect((await membre.delete(`/api/files/${others}`)).status).toBe(200);

    // Each sees only what they put in the bin; the pilote sees it all.
    const partnerBin = await binOf(partenaire);
    expect(partnerBin).toContain(mine);
    expect(partnerBin).not.toContain(byPilote);
    expect(partnerBin).not.toContain(others);
    expect(await binOf(membre)).toEqual(expect.arrayContaining([others]));
    expect(await binOf(membre)).not.toContain(mine);
    expect(await binOf(pilote)).toEqual(expect.arrayContaining([mine, byPilote, others]));
    expect((await partenaire.get(`/api/files/${mine}`)).status).toBe(200);
    expect((await partenaire.get(`/api/files/${byPilote}`)).status).toBe(404);

    // A pilote's decision is not undone by the partner, nor a membre's by another person.
    expect((await partenaire.post(`/api/files/${byPilote}/restore`)).status).toBe(403);
    expect((await partenaire.post(`/api/files/${others}/restore`)).status).toBe(403);
    const restored = await partenaire.post(`/api/files/${mine}/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body.file).toMatchObject({ deletedAt: null, canManage: true });
    expect(await binOf(partenaire)).not.toContain(mine);

    // After 30 days, too late for him as for the pilote.
    await partenaire.delete(`/api/files/${mine}`);
    await server.services.db.query("UPDATE files SET deleted_at = now() - interval '31 days' WHERE id = $1", [mine]);
    expect((await partenaire.post(`/api/files/${mine}/restore`)).status).toBe(410);
  });
});
