import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.e2e.test.ts"],
    // The web app is built once for every file.
    globalSetup: ["src/build-web.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
