/**
 * Prepares one migrated and seeded database per run, which every test file then copies:
 * a dumped PGlite data dir (a fresh PGlite takes seconds), or a PostgreSQL template database.
 */
import { writeFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { migrate } from "../src/db/migrate.js";
import { openPGlite } from "../src/db/pglite.js";
import { openPostgres } from "../src/db/postgres.js";
import { seedDemo } from "../src/seed/demo.js";

declare module "vitest" {
  export interface ProvidedContext {
    testDb: { kind: "pglite"; dump: string } | { kind: "postgres"; url: string; template: string };
  }
}

export function withDatabase(url: string, name: string) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export default async function setup(project: TestProject) {
  const cleanup: (() => Promise<void>)[] = [];
  if (project.name === "postgres") {
    const url = process.env.DATABASE_URL!;
    const template = `atelier_tpl_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${template}`);
    await admin.query(`CREATE DATABASE ${template}`);
    const db = await openPostgres(withDatabase(url, template));
    await migrate(db);
    await seedDemo(db);
    await db.close();
    project.provide("testDb", { kind: "postgres", url, template });
    cleanup.push(async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${template}`);
      await admin.end();
    });
  } else {
    const db = (await openPGlite({})) as Awaited<ReturnType<typeof openPGlite>> & { dump(): Promise<Blob> };
    await migrate(db);
    await seedDemo(db);
    const file = path.join(os.tmpdir(), `atelier-test-${process.pid}.tar.gz`);
    await writeFile(file, Buffer.from(await (await db.dump()).arrayBuffer()));
    await db.close();
    project.provide("testDb", { kind: "pglite", dump: file });
    cleanup.push(() => rm(file, { force: true }));
  }
  return async () => {
    for (const fn of cleanup) await fn();
  };
}
