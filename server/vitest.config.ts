import { defineConfig } from "vitest/config";

// Every server test runs on the embedded database, and again on PostgreSQL when DATABASE_URL is set (CI).
const backends = ["pglite", ...(process.env.DATABASE_URL ? ["postgres"] : [])];
// Files that never use the database under test (none at all, or a PostgreSQL scratch database of their
// own for several instances): running them a second time would test the same thing again.
const ONCE = [
  "src/config.test.ts",
  "src/storage/storage.test.ts",
  "src/search/extract/extract.test.ts",
  "src/collab/instances.test.ts",
  "src/uploads/instances.test.ts",
];

// The authorization matrix (≈ 1 300 cases a database, the suite's longest file) asks the policy, whose SQL
// is the same on both: with PostgreSQL there it runs on PostgreSQL only, PGlite's SQL being covered by
// every other file.
const POSTGRES_ONLY = ["test/matrix/matrix.test.ts"];

export default defineConfig({
  test: {
    // Two files at a time even on a 2-core machine (vitest's default there is one): a file waits on its
    // database, LibreOffice, child servers and timers far more than it computes.
    maxWorkers: 2,
    projects: backends.map((name) => ({
      extends: true,
      test: {
        name,
        include: ["src/**/*.test.ts", "test/**/*.test.ts"],
        exclude: name === "pglite" ? (backends.length > 1 ? POSTGRES_ONLY : []) : ONCE,
        globalSetup: ["test/global-setup.ts"],
        testTimeout: 30_000,
        hookTimeout: 60_000,
      },
    })),
  },
});
