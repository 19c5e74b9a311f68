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
      // The script copies each used icon's SVG with fs.cp, once per class: two classes that are aliases of one
      // SVG (fr-icon-delete-line and fr-icon-delete-bin-line) copy it twice at once, both unlink the existing
      // file and one fails with ENOENT, on every run. So the sources use one class name per icon.
      try {
        execFileSync(process.execPath, [bin, "--silent"], { cwd: root, stdio: "pipe" });
      } catch (err) {
        const unlinked = /unlink '([^']+)'/.exec(String((err as { stderr?: Buffer }).stderr ?? ""));
        if (!unlinked) throw err;
        throw new Error(`Two icon classes of the sources share ${unlinked[1]}: keep one of them.`, { cause: err });
      }
    },
  };
}
