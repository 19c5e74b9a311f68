import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import type { Db, Queryable } from "./types.js";

export interface PGliteOptions {
  /** Folder of the data; undefined keeps it in memory. */
  dataDir?: string;
  /** A dumped data dir to start from (tests load one rather than initialise many). */
  loadDataDir?: Blob;
}

export async function openPGlite(opts: PGliteOptions): Promise<Db> {
  const pg = await PGlite.create({
    dataDir: opts.dataDir,
    loadDataDir: opts.loadDataDir,
    extensions: { unaccent, pg_trgm },
  });
  const wrap = (q: Pick<PGlite, "query" | "exec">): Queryable => ({
    async query<T>(sql: string, params?: unknown[]) {
      const res = await q.query<T>(sql, params as unknown[]);
      return res.rows;
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
  });
  return {
    kind: "pglite",
    ...wrap(pg),
    tx: (fn) => pg.transaction((t) => fn(wrap(t))),
    close: () => pg.close(),
    // Exposed for the test harness, which dumps a migrated and seeded instance once.
    dump: () => pg.dumpDataDir("gzip"),
  } as Db & { dump: () => Promise<Blob> };
}
