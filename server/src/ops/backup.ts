/**
 * Backup, check and restore of a deployment: its database and its stored files, with a manifest
 * (counts, sizes, sha256). Run by the operator's CLI (./cli.ts).
 *
 * Consistency: the database is dumped first as one snapshot (pg_dump runs in a single repeatable-read
 * transaction; PGlite dumps its data dir between two queries). The files are copied after: stored
 * objects are never rewritten, and each is written before the row that refers to it is committed, so
 * every object the dump refers to is there when the copy runs. Objects stored after the dump are
 * copied too; unreferenced, they are what the storage sweep removes.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { promisify } from "node:util";
import pg from "pg";
import type { Config } from "../config.js";
import type { Db } from "../db/index.js";
import { openPGlite } from "../db/pglite.js";
import type { Storage } from "../storage/index.js";
import { FILES_DIR, MANIFEST, Manifest, sha256File } from "./manifest.js";

const run = promisify(execFile);

/** pg_dump and pg_restore reach the database of DATABASE_URL with its password in their environment,
 * not on their command line, where any user of the machine could read it (ps). */
function postgresTarget(databaseUrl: string | undefined): { dbname: string; env: NodeJS.ProcessEnv } {
  const url = new URL(databaseUrl!);
  const password = decodeURIComponent(url.password);
  url.password = "";
  return { dbname: `--dbname=${url.href}`, env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

/** A refusal the operator can act on: the CLI prints its message, without a stack. */
export class OpsError extends Error {}

async function isEmptyDir(dir: string) {
  return (await readdir(dir).catch(() => [])).length === 0;
}

/** Takes a backup of a running deployment into `dir` (absent or empty). */
export async function backup(s: { config: Config; db: Db; storage: Storage }, dir: string): Promise<Manifest> {
  if (!(await isEmptyDir(dir))) throw new OpsError(`Le dossier ${dir} n'est pas vide : choisissez un dossier neuf pour la sauvegarde.`);
  await mkdir(path.join(dir, FILES_DIR), { recursive: true });

  let database: Manifest["database"];
  if (s.db.kind === "postgres") {
    const file = "database.pgdump";
    const target = postgresTarget(s.config.DATABASE_URL);
    await run("pg_dump", ["--format=custom", `--file=${path.join(dir, file)}`, target.dbname], { env: target.env });
    database = { kind: "postgres", file, ...(await sha256File(path.join(dir, file))) };
  } else {
    const file = "database.pglite.tar.gz";
    const blob = await (s.db as Db & { dump(): Promise<Blob> }).dump();
    await writeFile(path.join(dir, file), Buffer.from(await blob.arrayBuffer()));
    database = { kind: "pglite", file, ...(await sha256File(path.join(dir, file))) };
  }

  const entries: Manifest["files"]["entries"] = [];
  for await (const key of s.storage.list()) {
    const target = path.join(dir, FILES_DIR, key);
    await mkdir(path.dirname(target), { recursive: true });
    const hash = createHash("sha256");
    let size = 0;
    const tap = new Transform({
      transform(chunk: Buffer, _enc, done) {
        hash.update(chunk);
        size += chunk.length;
        done(null, chunk);
      },
    });
    await pipeline(await s.storage.get(key), tap, createWriteStream(target));
    entries.push({ key, size, sha256: hash.digest("hex") });
  }
  const manifest: Manifest = {
    format: 1,
    createdAt: new Date().toISOString(),
    database,
    files: { count: entries.length, bytes: entries.reduce((n, e) => n + e.size, 0), entries },
  };
  await writeFile(path.join(dir, MANIFEST), JSON.stringify(manifest, null, 2));
  return manifest;
}

/**
 * Verifies a backup without restoring it: the manifest, every checksum, and that the dump reads
 * (pg_restore lists it; PGlite opens it in memory). Returns the problems found, none when sound.
 */
export async function checkBackup(dir: string): Promise<{ manifest: Manifest | null; problems: string[] }> {
  const problems: string[] = [];
  let manifest: Manifest;
  try {
    manifest = Manifest.parse(JSON.parse(await readFile(path.join(dir, MANIFEST), "utf8")));
  } catch (err) {
    return { manifest: null, problems: [`${MANIFEST} absent ou illisible : ${(err as Error).message}`] };
  }
  const verify = async (file: string, want: { size: number; sha256: string }) => {
    const got = await sha256File(path.join(dir, file)).catch(() => null);
    if (!got) problems.push(`${file} : absent`);
    else if (got.size !== want.size || got.sha256 !== want.sha256) problems.push(`${file} : somme de contrôle différente`);
    return got !== null && got.sha256 === want.sha256;
  };
  if (await verify(manifest.database.file, manifest.database)) {
    const problem = await readableDump(path.join(dir, manifest.database.file), manifest.database.kind);
    if (problem) problems.push(`${manifest.database.file} : ${problem}`);
  }
  for (const e of manifest.files.entries) await verify(path.join(FILES_DIR, e.key), e);
  if (manifest.files.count !== manifest.files.entries.length) problems.push("nombre de fichiers différent du manifeste");
  return { manifest, problems };
}

async function readableDump(file: string, kind: Manifest["database"]["kind"]): Promise<string | null> {
  try {
    if (kind === "postgres") {
      await run("pg_restore", ["--list", file], { maxBuffer: 64 * 1024 * 1024 });
    } else {
      const db = await openPGlite({ loadDataDir: new Blob([await readFile(file)]) });
      try {
        await db.query("SELECT count(*) FROM users");
      } finally {
        await db.close();
      }
    }
    return null;
  } catch (err) {
    return `sauvegarde de la base illisible (${(err as Error).message.split("\n")[0]})`;
  }
}

/** The deployment `config` names has no tables and no stored files; otherwise says what is there. */
async function assertEmptyTarget(config: Config, storage: Storage, kind: Manifest["database"]["kind"]) {
  if (kind === "postgres") {
    if (!config.DATABASE_URL) throw new OpsError("Cette sauvegarde vient de PostgreSQL : définissez DATABASE_URL vers une base vide.");
    const client = new pg.Client({ connectionString: config.DATABASE_URL });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: string }>("SELECT count(*) AS n FROM pg_tables WHERE schemaname = 'public'");
      if (Number(rows[0]!.n) > 0) {
        throw new OpsError("La base de destination n'est pas vide : la restauration se fait dans une base neuve (sans tables).");
      }
    } finally {
      await client.end();
    }
  } else {
    if (config.DATABASE_URL) throw new OpsError("Cette sauvegarde vient de la base embarquée : retirez DATABASE_URL pour la restaurer.");
    if (!(await isEmptyDir(path.resolve(config.DATA_DIR, "pglite")))) {
      throw new OpsError(`La base embarquée de ${config.DATA_DIR} n'est pas vide : restaurez dans un DATA_DIR neuf.`);
    }
  }
  for await (const key of storage.list()) {
    throw new OpsError(`Le stockage des fichiers n'est pas vide (${key}…) : restaurez dans un stockage neuf.`);
  }
}

/** Restores a checked backup into an empty deployment (database without tables, empty storage). */
export async function restore(s: { config: Config; storage: Storage }, dir: string): Promise<Manifest> {
  const { manifest, problems } = await checkBackup(dir);
  if (!manifest || problems.length) throw new OpsError(`Sauvegarde refusée :\n  ${problems.join("\n  ")}`);
  await assertEmptyTarget(s.config, s.storage, manifest.database.kind);
  const dump = path.join(dir, manifest.database.file);
  if (manifest.database.kind === "postgres") {
    // One transaction: a failure leaves the base as empty as it was.
    const target = postgresTarget(s.config.DATABASE_URL);
    await run("pg_restore", ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", target.dbname, dump], { env: target.env });
  } else {
    const dataDir = path.resolve(s.config.DATA_DIR, "pglite");
    await mkdir(dataDir, { recursive: true });
    const db = await openPGlite({ dataDir, loadDataDir: new Blob([await readFile(dump)]) });
    await db.close();
  }
  for (const e of manifest.files.entries) {
    const file = path.join(dir, FILES_DIR, e.key);
    await s.storage.put(e.key, createReadStream(file), { maxBytes: e.size, size: (await stat(file)).size });
  }
  return manifest;
}
