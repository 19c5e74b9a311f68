/**
 * react-dsfr's `fr` object, imported by every component for `fr.cx`, carries the whole colour palette
 * (≈ 90 KB of tables) for one use in the app: the theme-color meta tag (useIsDark/client.js reads
 * `fr.colors.getHex({ isDark }).decisions.background.default.grey.default`). The palette module is
 * replaced by these two values; `dsfr-colors.test.ts` checks them against the library's own.
 */
import type { Plugin } from "vite";

export const THEME_BACKGROUND = { light: "#ffffff", dark: "#161616" } as const;

const SHIM_ID = "\0atelier:dsfr-colors";

export function dsfrThemeColorsOnly(): Plugin {
  return {
    name: "atelier:dsfr-colors",
    apply: "build",
    enforce: "pre",
    resolveId(source, importer) {
      if (source === "./colors" && importer && /react-dsfr[\\/]fr[\\/]index\.js$/.test(importer)) return SHIM_ID;
      return null;
    },
    // A react-dsfr module reading more of the palette than the theme colour would get undefined: fail the
    // build instead, so an upgrade of the library cannot break a page silently.
    transform(code, id) {
      if (/react-dsfr[\\/]/.test(id) && /fr\.colors\.(?!getHex\(\{)/.test(code)) {
        this.error(`${id} uses fr.colors beyond the theme colour: remove the dsfr-colors shim`);
      }
      return null;
    },
    load(id) {
      if (id !== SHIM_ID) return null;
      return `const background = ${JSON.stringify(THEME_BACKGROUND)};
export const colors = {
  getHex: ({ isDark }) => ({ decisions: { background: { default: { grey: { default: isDark ? background.dark : background.light } } } } }),
};`;
    },
  };
}
