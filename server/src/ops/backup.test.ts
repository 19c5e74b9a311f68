/**
 * Backup taken while a client types, restored into a fresh deployment on the same kind of database
 * (embedded, or a PostgreSQL database created and dropped here): content, versions, comments,
 * files, accounts and memberships equal; a corrupted backup refused by `pnpm atelier backup:check`.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, expect, inject, it } from "vitest";
import * as Y from "yjs";
import { spaceId, startTestServer } from "../../test/harness.js";
import { withDatabase } from "../../test/global-setup.js";
import { connect, fragmentText, synced, until, write } from "../collab/test-helpers.js";
import { loadConfig } from "../config.js";
import { openDb, type Db } from "../db/index.js";
import { loadYDoc } from "../documents/content.js";
import { upload } from "../files/test-helpers.js";
import { openStorage, type Storage } from "../storage/index.js";
import { OpsError, backup, restore } from "./backup.js";

const server = await startTestServer();
const source = server.services;
const spec = inject("testDb");
const tmp = await mkdtemp(path.join(os.tmpdir(), "atelier-backup-"));
const dir = path.join(tmp, "sauvegarde");

// The source's own URL (the harness hands the server a database, not DATABASE_URL), and a new empty target.
const target = { dataDir: path.join(tmp, "cible"), url: undefined as string | undefined, name: `atelier_restore_${process.pid}` };
const pgUrl = spec.kind === "postgres" ? spec.url : null;
const admin = pgUrl ? new pg.Client({ connectionString: pgUrl }) : null;
let sourceConfig = server.config;
if (admin && pgUrl) {
  await admin.connect();
  const [{ name }] = (await source.db.query<{ name: string }>("SELECT current_database() AS name")) as [{ name: string }];
  sourceConfig = { ...server.config, DATABASE_URL: withDatabase(pgUrl, name) };
  await admin.query(`CREATE DATABASE ${target.name}`);
  target.url = withDatabase(pgUrl, target.name);
}
const targetConfig = loadConfig({ DATA_DIR: target.dataDir, ...(target.url ? { DATABASE_URL: target.url } : {}) });
let restored: Db | undefined;
afterAll(async () => {
  await restored?.close();
  if (admin) {
    await admin.query(`DROP DATABASE IF EXISTS ${target.name} WITH (FORCE)`);
    await admin.end();
  }
  await rm(tmp, { recursive: true, force: true });
});

const membre = await server.as("membre.grand-sud@atelier.test");
const grandSud = await spaceId(server, "grand-sud");
const QUOTE = "texte arrêté";

async function newDocument(title: string) {
  const r = await membre.post(`/api/spaces/${grandSud}/documents`, { title, kind: "livrable" });
  expect(r.status).toBe(201);
  return r.body.document.id as string;
}

const b64 = (pos: Y.RelativePosition) => Buffer.from(Y.encodeRelativePosition(pos)).toString("base64");
const state = async (db: Db, id: string) => {
  const doc = await loadYDoc(db, id);
  try {
    return { update: Y.encodeStateAsUpdate(doc), text: fragmentText(doc) };
  } finally {
    doc.destroy();
  }
};
const rows = (db: Db, table: string) => db.query(`SELECT * FROM ${table} ORDER BY 1`);
async function objects(storage: Storage) {
  const found = new Map<string, string>();
  for await (const key of storage.list()) {
    const hash = createHash("sha256");
    for await (const chunk of await storage.get(key)) hash.update(chunk as Buffer);
    found.set(key, hash.digest("hex"));
  }
  return found;
}

it("restores a backup taken while a client types into a fresh deployment, equal to the source", async () => {
  // A settled document with a comment and a named version, and two files.
  const settled = await newDocument("Document arrêté");
  const peer = connect(server.url, membre, settled);
  await synced(peer);
  write(peer, `Le ${QUOTE} avant la sauvegarde.`);
  await until("enregistré", async () => (await state(source.db, settled)).text.includes(QUOTE));
  const text = (peer.doc.getXmlFragment("default").toArray().at(-1) as Y.XmlElement).get(0) as Y.XmlText;
  const start = text.toString().indexOf(QUOTE);
  const thread = await membre.post(`/api/documents/${settled}/comments`, {
    anchor: {
      from: b64(Y.createRelativePositionFromTypeIndex(text, start)),
      to: b64(Y.createRelativePositionFromTypeIndex(text, start + QUOTE.length, -1)),
    },
    quote: QUOTE,
    body: "À relire.",
  });
  expect(thread.status).toBe(201);
  expect((await membre.post(`/api/documents/${settled}/versions`, { name: "Avant sauvegarde" })).status).toBe(201);
  expect((await upload(membre, grandSud, "annexe.pdf")).status).toBe(201);
  expect((await upload(membre, grandSud, "notes.txt", "Des notes de réunion.\n".repeat(500))).status).toBe(201);
  peer.destroy();

  // A client types a line every few milliseconds all along the backup.
  const typed = await newDocument("Document en cours");
  const typist = connect(server.url, membre, typed);
  await synced(typist);
  let lines = 0;
  let typing = true;
  const typingDone = (async () => {
    while (typing) {
      write(typist, `ligne ${++lines}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  await until("quelques lignes enregistrées", async () => (await state(source.db, typed)).text.includes("ligne 5"));
  const manifest = await backup({ config: sourceConfig, db: source.db, storage: source.storage }, dir);
  typing = false;
  await typingDone;
  typist.destroy();
  expect(lines).toBeGreaterThan(5);
  expect(manifest.database.kind).toBe(source.db.kind);
  expect(manifest.files.count).toBeGreaterThanOrEqual(2);

  const targetStorage = await openStorage(targetConfig);
  await restore({ config: targetConfig, storage: targetStorage }, dir);
  restored = await openDb(targetConfig);

  // The settled document byte-equal; the typed one a consistent moment of the typing: lines 1..k, none missing.
  expect(Buffer.from((await state(restored, settled)).update).equals(Buffer.from((await state(source.db, settled)).update))).toBe(true);
  const got = [...(await state(restored, typed)).text.matchAll(/ligne (\d+)/g)].map((m) => Number(m[1]));
  expect(got.length).toBeGreaterThanOrEqual(5);
  expect(got).toEqual(got.map((_, i) => i + 1));
  for (const table of ["users", "memberships", "spaces", "comment_threads", "comments", "document_versions", "files", "file_versions"]) {
    expect(await rows(restored, table), table).toEqual(await rows(source.db, table));
  }
  // Every stored object is there with its bytes, and matches the checksum the database keeps.
  const copied = await objects(targetStorage);
  expect(copied).toEqual(await objects(source.storage));
  for (const f of await restored.query<{ storage_key: string; sha256: string }>("SELECT storage_key, sha256 FROM file_versions")) {
    expect(copied.get(f.storage_key)).toBe(f.sha256);
  }

  // Never over a deployment that holds something.
  await expect(restore({ config: targetConfig, storage: targetStorage }, dir)).rejects.toThrow(OpsError);
  await expect(restore({ config: targetConfig, storage: targetStorage }, dir)).rejects.toThrow(/n'est pas vide/);
}, 120_000);

it("refuses a corrupted backup, naming what is wrong, through pnpm atelier backup:check", async () => {
  const manifest = JSON.parse(await readFile(path.join(dir, "manifest.json"), "utf8"));
  const file = path.join(dir, "files", manifest.files.entries[0].key);
  const bytes = await readFile(file);
  bytes[0] = bytes[0]! ^ 0xff;
  await writeFile(file, bytes);
  const dump = path.join(dir, manifest.database.file);
  await writeFile(dump, (await readFile(dump)).subarray(0, 1000));

  const cli = promisify(execFile)("pnpm", ["atelier", "backup:check", dir], { cwd: path.resolve(import.meta.dirname, "../../..") });
  const failure = await cli.then(
    () => null,
    (err: { code: number; stderr: string }) => err,
  );
  expect(failure?.code).toBe(1);
  expect(failure?.stderr).toContain("Sauvegarde invalide");
  expect(failure?.stderr).toContain(`files/${manifest.files.entries[0].key} : somme de contrôle différente`);
  expect(failure?.stderr).toContain(`${manifest.database.file} : somme de contrôle différente`);
}, 60_000);
