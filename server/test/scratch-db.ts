/**
 * A database of its own on the PostgreSQL server (DATABASE_URL, or the local default), for tests
 * that run several server processes against one database; dropped at the end.
 */
import pg from "pg";
import { withDatabase } from "./global-setup.js";

const PG = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

/** Runs one statement on `url`, on a connection of its own. */
export async function runSql(url: string, sql: string, params: unknown[] = []) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql, params)).rows;
  } finally {
    await c.end();
  }
}

export async function scratchDatabase(prefix: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  await runSql(PG, `CREATE DATABASE ${name}`);
  return {
    url: withDatabase(PG, name),
    drop: async () => void (await runSql(PG, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)),
  };
}
