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
  // Vitest sets NODE_ENV=test, with which Vite would build React's development code: the browser tests
  // run the code people get.
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    await build({ root, logLevel: "warn", build: { outDir, emptyOutDir: true, sourcemap: false } });
  } finally {
    process.env.NODE_ENV = previous;
  }
  project.provide("webDist", outDir);
  return () => rm(outDir, { recursive: true, force: true });
}
