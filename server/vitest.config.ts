import { defineConfig } from "vitest/config";

// Every server test runs on the embedded database, and again on PostgreSQL when DATABASE_URL is set (CI).
const backends = ["pglite", ...(process.env.DATABASE_URL ? ["postgres"] : [])];

export default defineConfig({
  test: {
    projects: backends.map((name) => ({
      extends: true,
      test: {
        name,
        include: ["src/**/*.test.ts", "test/**/*.test.ts"],
        globalSetup: ["test/global-setup.ts"],
        testTimeout: 30_000,
        hookTimeout: 60_000,
      },
    })),
  },
});
