import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import type { Plugin } from "vite";

/** react-dsfr's copy-static-assets (postinstall) copies only the files dsfr.min.css points to, not the
 * icons' SVGs: its own `only-include-used-icons` writes public/dsfr/utility/icons/icons.min.css for the
 * icon classes the sources use (14 KB instead of 214 KB) and copies their SVGs. Run before every build
 * and dev server, so a fresh clone and a newly used icon both get their files. */
export function dsfrUsedIcons(): Plugin {
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
