/**
 * Compiles the package in the current folder for production: every module of src/ to the same place
 * under dist/ (one JavaScript file per TypeScript file, not a bundle, so that the paths a module
 * finds beside itself — migrations, the site's stylesheet, a sandbox's child — stay where they
 * were), plus the files that are not code. Tests and their helpers are left out. Types are checked
 * by `tsc` in typecheck; esbuild only strips them, as tsx does in development.
 */
import { cp, readdir, rm } from "node:fs/promises";
import path from "node:path";
import { build } from "esbuild";

const SRC = path.resolve("src");
const DIST = path.resolve("dist");
const isCode = (name) => /\.tsx?$/.test(name) && !name.endsWith(".d.ts");
const isTestOnly = (file) => /\.test\.tsx?$|(^|\/)test-helpers\.ts$|(^|\/)fixtures(\/|$)/.test(file);

const files = (await readdir(SRC, { recursive: true, withFileTypes: true }))
  .filter((e) => e.isFile())
  .map((e) => path.relative(SRC, path.join(e.parentPath, e.name)))
  .filter((file) => !isTestOnly(file));

await rm(DIST, { recursive: true, force: true });
await build({
  entryPoints: files.filter(isCode).map((f) => path.join(SRC, f)),
  outdir: DIST,
  outbase: SRC,
  bundle: false,
  platform: "node",
  format: "esm",
  target: "node20.19",
  jsx: "automatic",
  jsxImportSource: "hono/jsx",
  sourcemap: true,
  logLevel: "warning",
});
for (const file of files.filter((f) => !isCode(f))) await cp(path.join(SRC, file), path.join(DIST, file));
console.info(`${path.basename(process.cwd())} : ${files.filter(isCode).length} modules compilés dans dist/`);
