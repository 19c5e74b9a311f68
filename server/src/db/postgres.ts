import pg from "pg";
import type { Db, Queryable } from "./types.js";
import { log } from "../logging/logger.js";

// Keep 64-bit integers and timestamps as PGlite returns them: numbers and Dates.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export async function openPostgres(url: string): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // A failed idle client must not crash the process; the next query reconnects.
  pool.on("error", (err) => log.error({ err }, "[db] client PostgreSQL en erreur"));
  await pool.query("SELECT 1");
  const wrap = (c: pg.Pool | pg.PoolClient): Queryable => ({
    async query<T>(sql: string, params?: unknown[]) {
      const res = await c.query(sql, params as unknown[]);
      return res.rows as T[];
    },
    async exec(sql: string) {
      await c.query(sql);
    },
  });
  return {
    kind: "postgres",
    ...wrap(pool),
    async tx(fn) {
      const client = await pool.connect();
      // The pool listens for errors on idle clients only: a connection that drops while checked out
      // (a database restart mid-transaction) would otherwise be an uncaught 'error' event. The
      // pending query rejects by itself; the release below discards the broken client.
      let broken: Error | undefined;
      const onError = (err: Error) => {
        broken = err;
        log.warn({ err }, "[db] connexion PostgreSQL perdue pendant une transaction");
      };
      client.on("error", onError);
      try {
        await client.query("BEGIN");
        const out = await fn(wrap(client));
        await client.query("COMMIT");
        return out;
      } catch (err) {
        await client.query("ROLLBACK").catch(() => {});
        throw err;
      } finally {
        client.removeListener("error", onError);
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}
