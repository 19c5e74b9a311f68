/** Builds the web app once, into a temporary folder the test servers serve. */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    webDist: string;
  }
}

export default async function setup(project: TestProject) {
  const outDir = await mkdtemp(path.join(os.tmpdir(), "atelier-web-"));
  const root = fileURLToPath(new URL("../../../web", import.meta.url));
  await build({ root, logLevel: "warn", build: { outDir, emptyOutDir: true, sourcemap: false } });
  project.provide("webDist", outDir);
  return () => rm(outDir, { recursive: true, force: true });
}
