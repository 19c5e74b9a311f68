import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { Config } from "../config.js";
import { openPGlite } from "./pglite.js";
import { openPostgres } from "./postgres.js";
import type { Db } from "./types.js";

export type { Db, Queryable } from "./types.js";

/** PostgreSQL when DATABASE_URL is set, otherwise the embedded database in DATA_DIR. */
export async function openDb(config: Pick<Config, "DATABASE_URL" | "DATA_DIR">): Promise<Db> {
  if (config.DATABASE_URL) return openPostgres(config.DATABASE_URL);
  const dataDir = path.resolve(config.DATA_DIR, "pglite");
  await mkdir(dataDir, { recursive: true });
  return openPGlite({ dataDir });
}
