import { execFileSync } from "node:child_process";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import react from "@vitejs/plugin-react";
import type { Plugin } from "vite";
import { defineConfig } from "vitest/config";

/** react-dsfr's copy-static-assets (postinstall) copies only the files dsfr.min.css points to, not the
 * icons' SVGs: its own `only-include-used-icons` writes public/dsfr/utility/icons/icons.min.css for the
 * icon classes the sources use (14 KB instead of 214 KB) and copies their SVGs. Run before every build
 * and dev server, so a fresh clone and a newly used icon both get their files. */
function dsfrUsedIcons(): Plugin {
  // Not import.meta.dirname: Vite loads this file from a temporary copy in node_modules/.vite-temp that it
  // deletes right after, and a missing cwd makes execFileSync fail with ENOENT.
  let root = "";
  return {
    name: "atelier:dsfr-used-icons",
    configResolved(config) {
      root = config.root;
    },
    buildStart() {
      const bin = createRequire(path.join(root, "package.json")).resolve("@codegouvfr/react-dsfr/bin/only-include-used-icons.js");
      // The script copies an SVG used by two classes twice at once; when the file is already there both
      // copies unlink it and one fails (ENOENT). A second run finds the work done.
      for (let attempt = 1; ; attempt++) {
        try {
          execFileSync(process.execPath, [bin, "--silent"], { cwd: root, stdio: "pipe" });
          return;
        } catch (err) {
          if (attempt === 3) throw err;
        }
      }
    },
  };
}

const COMPRESSIBLE = /\.(html|js|mjs|css|svg|json|webmanifest|txt|ico)$/;
const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/** Writes .br and .gz beside each text file of the build (public files included), once, at build time;
 * the server sends them with Content-Encoding instead of compressing each response. */
function precompress(): Plugin {
  let outDir = "";
  return {
    name: "atelier:precompress",
    apply: "build",
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      const files = (await readdir(outDir, { recursive: true })).filter((f) => COMPRESSIBLE.test(f));
      await Promise.all(
        files.map(async (f) => {
          const file = path.join(outDir, f);
          const data = await readFile(file);
          if (data.length < 1024) return;
          const [br, gzipped] = await Promise.all([
            brotli(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length } }),
            gz(data, { level: 9 }),
          ]);
          await Promise.all([writeFile(`${file}.br`, br), writeFile(`${file}.gz`, gzipped)]);
        }),
      );
    },
  };
}

// In development the API and the collaboration socket are the server's (port 3000).
export default defineConfig({
  plugins: [react(), dsfrUsedIcons(), precompress()],
  server: {
    proxy: {
      "/api": "http://localhost:3000",
      "/collab": { target: "ws://localhost:3000", ws: true },
    },
  },
  build: { sourcemap: true },
  test: { environment: "jsdom", include: ["src/**/*.test.{ts,tsx}"] },
});
