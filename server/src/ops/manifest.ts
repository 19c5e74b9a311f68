/** What a backup folder holds, described by its manifest.json: checked before anything is restored. */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { z } from "zod";
import { KEY, MAX_KEY_LENGTH } from "../storage/types.js";

export const MANIFEST = "manifest.json";
export const FILES_DIR = "files";

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);
// The storage's own key rule: a key names a path inside the backup, never outside it.
const Key = z.string().max(MAX_KEY_LENGTH).regex(KEY);

export const Manifest = z.object({
  format: z.literal(1),
  createdAt: z.string(),
  database: z.object({
    kind: z.enum(["postgres", "pglite"]),
    /** pg_dump's custom format, or PGlite's dumped data dir (gzipped tar). */
    file: z.enum(["database.pgdump", "database.pglite.tar.gz"]),
    size: z.number().int().nonnegative(),
    sha256: Sha256,
  }),
  files: z.object({
    count: z.number().int().nonnegative(),
    bytes: z.number().int().nonnegative(),
    entries: z.array(z.object({ key: Key, size: z.number().int().nonnegative(), sha256: Sha256 })),
  }),
});
export type Manifest = z.infer<typeof Manifest>;

export async function sha256File(file: string): Promise<{ size: number; sha256: string }> {
  const hash = createHash("sha256");
  let size = 0;
  for await (const chunk of createReadStream(file)) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { size, sha256: hash.digest("hex") };
}
