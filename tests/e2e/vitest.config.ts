import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.e2e.test.ts"],
    // The web app is built once for every file.
    globalSetup: ["src/build-web.ts"],
    // Two journeys at a time even on a 2-core machine (vitest's default there is one): a journey
    // mostly waits on its browser, its server and its timers.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
