import { readFile } from "node:fs/promises";
import pg from "pg";
import { inject } from "vitest";
import { openPGlite } from "../src/db/pglite.js";
import { openPostgres } from "../src/db/postgres.js";
import type { Db } from "../src/db/index.js";
import { withDatabase } from "./global-setup.js";

/** A fresh copy of the migrated, seeded test database, on the backend this project runs. */
export async function freshDb(): Promise<{ db: Db; url?: string; drop(): Promise<void> }> {
  const spec = inject("testDb");
  if (spec.kind === "pglite") {
    const db = await openPGlite({ loadDataDir: new Blob([await readFile(spec.dump)]) });
    return { db, drop: () => db.close() };
  }
  const name = `atelier_t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: spec.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${spec.template}`);
  await admin.end();
  const url = withDatabase(spec.url, name);
  const db = await openPostgres(url);
  return {
    db,
    url,
    async drop() {
      await db.close();
      const a = new pg.Client({ connectionString: spec.url });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}
