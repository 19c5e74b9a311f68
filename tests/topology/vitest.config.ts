import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    // The web app is built once, as for the browser tests.
    globalSetup: ["../e2e/src/build-web.ts"],
    // Each file runs a whole topology (seven processes) and kills parts of it: one at a time.
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
